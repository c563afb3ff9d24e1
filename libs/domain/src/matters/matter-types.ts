import type { LocalizedMessage } from '../errors';
import type { SeedCitation } from '../measures/seed-sources';

/**
 * The catalogue of administrative matters (行政管理事项) a department names when it checks a subject's credit
 * ("逢办必查" / "应查必查"), and to which joint reward and punishment measures are tied.
 *
 * The core is seed 000 Art. 4 (items 一–七) and seed 004 §三(五) items 1–16; seed 002 §二(一), seed 003
 * §二(一)3–4, seed 004 §三(四) and seed 001 §二(一)2 name further matters. A few matters appear in the seeds
 * only as the scope of a measure (e.g. "基础设施和公用事业特许经营" in seed 000 Art. 7(四)); they are listed so
 * that every measure can name the matters it applies to, and marked `mustCheck: false` where no seed lists
 * them as a matter in which credit must be checked.
 *
 * Codes are stable: they are stored in check logs and measure editions. Add codes; never rename or reuse one.
 */
export const MATTER_TYPE_CODES = [
  'PUBLIC_BIDDING_FISCAL',
  'FISCAL_FUNDS',
  'ADMIN_LICENSING',
  'PROJECT_APPROVAL',
  'QUALIFICATION_ASSESSMENT',
  'PERIODIC_REVIEW',
  'INSPECTION',
  'AWARDS_COMMENDATIONS',
  'ENTERPRISE_RATING',
  'CIVIL_SERVICE_HIRING',
  'GOVERNMENT_PROCUREMENT',
  'LAND_USE_RIGHTS',
  'MINING_RIGHTS_TRANSACTION',
  'STATE_ASSET_TRANSACTION',
  'FOOD_DRUG_PROCUREMENT',
  'FRANCHISE_PPP',
  'FINANCIAL_INSTITUTION_APPROVAL',
  'FINANCING',
  'SECURITIES_ISSUANCE',
  'TAX_INCENTIVES',
  'INVESTMENT_PROMOTION',
  'PUBLIC_INSTITUTION_STAFFING',
  'SOCIAL_HOUSING_ALLOWANCES',
  'INTERNET_SERVICES',
  'SOCIAL_ORG_REGISTRATION',
  'MARKET_REGISTRATION',
  'MARKET_ACCESS',
  'RESEARCH_PROJECT_APPLICATION',
  'PUBLIC_SERVICES',
  'GOVERNMENT_EVENTS',
  'OTHER_ADMIN_MATTERS',
] as const;
export type MatterTypeCode = (typeof MATTER_TYPE_CODES)[number];

/** How one seed words a matter: verbatim (whitespace aside; seed 001 in its traditional characters). */
export interface MatterWording {
  readonly source: SeedCitation;
  readonly zh: string;
}

export interface MatterType {
  readonly code: MatterTypeCode;
  /**
   * zh: the seeds' wording — the first source's, or, where one matter gathers several wordings, those
   * wordings joined with "、"; en: a faithful translation.
   */
  readonly name: LocalizedMessage;
  /** Every seed article/section/item that names the matter; the first is the one `name.zh` quotes. */
  readonly sources: readonly SeedCitation[];
  /** The wording of each source, in the order of `sources`. */
  readonly wordings: readonly MatterWording[];
  /**
   * True when a seed lists the matter as one in which credit records must (or, in seed 004, are to) be
   * checked; false when the matter appears only as the scope of a measure.
   */
  readonly mustCheck: boolean;
  /** True for the matters that make up public resource trading (公共资源交易) in the seeds' measures. */
  readonly publicResourceTrading: boolean;
  /** Remarks on scope and on judgement calls. */
  readonly notes?: string;
}

export const MATTER_TYPES: readonly MatterType[] = [
  {
    code: 'PUBLIC_BIDDING_FISCAL',
    name: {
      zh: '职责范围内财政性资金投资的工程项目招投标',
      en: 'Tendering and bidding for construction projects invested with fiscal funds',
    },
    sources: ['seed 000 Art. 4(一)', 'seed 004 §三(五)3', 'seed 002 §二(一)', 'seed 003 §二(一)4', 'seed 001 §二(一)2'],
    wordings: [
      { source: 'seed 000 Art. 4(一)', zh: '职责范围内财政性资金投资的工程项目招投标' },
      {
        source: 'seed 004 §三(五)3',
        zh: '工程建设招投标。在政府投资项目工程招投标中，住建部门、政府投资项目工程主管部门要将招投标企业的信用记录作为资格预审、评标、定价的参考依据之一',
      },
      { source: 'seed 002 §二(一)', zh: '招标投标' },
      { source: 'seed 003 §二(一)4', zh: '招标投标' },
      { source: 'seed 001 §二(一)2', zh: '招標投標領域。省級公共資源交易環節率先使用信用記錄或信用報告等信用產品,并逐步向其他工程建設項目推廣' },
    ],
    mustCheck: true,
    publicResourceTrading: true,
    notes:
      'Seeds 002 and 003 say only "招标投标" (any tendering); seeds 000 and 004 limit it to projects with fiscal/government investment. One matter covers both.',
  },
  {
    code: 'FISCAL_FUNDS',
    name: {
      zh: '职责范围内各项财政性资金扶持的申报主体资格的审核',
      en: 'Review of applicants’ eligibility for support from fiscal funds',
    },
    sources: ['seed 000 Art. 4(二)', 'seed 004 §三(五)6', 'seed 002 §二(一)', 'seed 003 §二(一)4', 'seed 004 §三(四)'],
    wordings: [
      { source: 'seed 000 Art. 4(二)', zh: '职责范围内各项财政性资金扶持的申报主体资格的审核' },
      {
        source: 'seed 004 §三(五)6',
        zh: '财政专项资金补助。在审核各项资金扶持主体资格时，发改、财政部门及其它有关单位应把申报人的信用记录或信用报告作为资金扶持参考依据之一',
      },
      { source: 'seed 002 §二(一)', zh: '资金申请' },
      { source: 'seed 003 §二(一)4', zh: '财政资金拨付' },
      { source: 'seed 004 §三(四)', zh: '资金扶持' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'ADMIN_LICENSING',
    name: { zh: '行政许可', en: 'Administrative licensing' },
    sources: ['seed 000 Art. 4(三)', 'seed 002 §二(一)', 'seed 004 §三(四)'],
    wordings: [
      { source: 'seed 000 Art. 4(三)', zh: '行政许可' },
      { source: 'seed 002 §二(一)', zh: '许可' },
      { source: 'seed 004 §三(四)', zh: '行政审批' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'PROJECT_APPROVAL',
    name: { zh: '项目审批、核准', en: 'Examination and approval (核准) of projects' },
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)', 'seed 002 §二(一)', 'seed 003 §二(一)4'],
    wordings: [
      { source: 'seed 003 §二(三)2', zh: '新增项目审批、核准' },
      { source: 'seed 001 §二(三)', zh: '新增項目審批核準' },
      { source: 'seed 002 §二(一)', zh: '核准' },
      { source: 'seed 003 §二(一)4', zh: '项目许可' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Named as a matter to check in seed 002 §二(一) ("核准") and seed 003 §二(一)4 ("项目许可"); the name is the wording of the measure that restricts it.',
  },
  {
    code: 'QUALIFICATION_ASSESSMENT',
    name: {
      zh: '资质评定、申报、升级、验证',
      en: 'Assessment, application, upgrading and verification of qualifications',
    },
    sources: ['seed 000 Art. 4(三)', 'seed 004 §三(五)10', 'seed 002 §二(一)', 'seed 003 §二(一)4', 'seed 004 §三(四)'],
    wordings: [
      { source: 'seed 000 Art. 4(三)', zh: '资质评定、申报、升级、验证' },
      {
        source: 'seed 004 §三(五)10',
        zh: '对社会法人、个人的资质审核或认定。在办理社会法人、个人各种资质审核或认定业务时，资质审核或认定各有关单位应将其信用记录或信用报告作为衡量其管理能力和信誉水平的参考依据之一',
      },
      { source: 'seed 002 §二(一)', zh: '资质审核' },
      { source: 'seed 003 §二(一)4', zh: '资质认定' },
      { source: 'seed 004 §三(四)', zh: '资质审核' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'PERIODIC_REVIEW',
    name: { zh: '周期性审验业务', en: 'Periodic review and verification (annual review)' },
    sources: ['seed 000 Art. 4(三)', 'seed 004 §三(五)9'],
    wordings: [
      { source: 'seed 000 Art. 4(三)', zh: '周期性审验业务' },
      {
        source: 'seed 004 §三(五)9',
        zh: '在进行企业各类荣誉称号、纳税、信誉、商标等内容的等级评定和周期性审验时，各评优评先和审验部门应将申请企业的信用记录或信用报告作为评定的参考依据之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'INSPECTION',
    name: { zh: '行政检查、各项涉企检查', en: 'Administrative inspections, including all inspections of enterprises' },
    sources: ['seed 000 Art. 4(三)', 'seed 000 Art. 4(四)', 'seed 002 §二(一)', 'seed 001 §二(一)2'],
    wordings: [
      { source: 'seed 000 Art. 4(三)', zh: '行政检查' },
      { source: 'seed 000 Art. 4(四)', zh: '各项涉企检查' },
      { source: 'seed 002 §二(一)', zh: '行政执法监管' },
      { source: 'seed 001 §二(一)2', zh: '在食品藥品生產經營企業日常監管、市場準入中應用信用產品' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes:
      'Covers daily supervision (日常监管 / 日常监督检查), special and 双随机 inspections. Seed 001 §二(一)2 names daily supervision in the food and drug, environment, product quality, health and e-commerce fields; only the first is quoted.',
  },
  {
    code: 'AWARDS_COMMENDATIONS',
    name: { zh: '各项评比表彰事项', en: 'Appraisals, awards and commendations' },
    sources: ['seed 000 Art. 4(五)', 'seed 004 §三(五)9', 'seed 002 §二(一)', 'seed 004 §三(四)'],
    wordings: [
      { source: 'seed 000 Art. 4(五)', zh: '各项评比表彰事项' },
      { source: 'seed 004 §三(五)9', zh: '对各类企业的评优' },
      { source: 'seed 002 §二(一)', zh: '组织评优评先、表彰奖励' },
      { source: 'seed 004 §三(四)', zh: '评先评优' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'ENTERPRISE_RATING',
    name: {
      zh: '企业各类荣誉称号、纳税、信誉、商标等内容的等级评定',
      en: 'Grading of enterprises (honorary titles, tax, reputation, trademarks and the like)',
    },
    sources: ['seed 004 §三(五)9'],
    wordings: [{ source: 'seed 004 §三(五)9', zh: '对各类企业的评优、评级和周期性审验' }],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Seed 004 item 9 joins 评优 (→ AWARDS_COMMENDATIONS), 评级 (this matter) and 周期性审验 (→ PERIODIC_REVIEW).',
  },
  {
    code: 'CIVIL_SERVICE_HIRING',
    name: {
      zh: '机关公务员、所属事业单位人员招考、聘用、考核、任用等',
      en: 'Recruitment, appointment, appraisal and assignment of civil servants and public-institution staff',
    },
    sources: ['seed 000 Art. 4(六)', 'seed 004 §三(五)15', 'seed 002 §二(一)', 'seed 001 §二(一)2'],
    wordings: [
      { source: 'seed 000 Art. 4(六)', zh: '机关公务员、所属事业单位人员招考、聘用、考核、任用等' },
      {
        source: 'seed 004 §三(五)15',
        zh: '公务员、事业单位人员招录、聘用、管理。公务员、事业单位人员招考聘用、考核、任用等管理工作中，组织人事部门及用人机关应将当事人的个人信用状况作为参考依据之一',
      },
      { source: 'seed 002 §二(一)', zh: '公职人员招聘录用' },
      { source: 'seed 001 §二(一)2', zh: '將教師的個人信用記錄作為入職審查、日常管理的必要條件之一' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Seed 001 §二(一)2 (teachers’ entry review) is included on the reading that it concerns teachers employed by public schools (事业单位).',
  },
  {
    code: 'GOVERNMENT_PROCUREMENT',
    name: { zh: '政府集中采购', en: 'Government (centralised) procurement' },
    sources: ['seed 004 §三(五)1', 'seed 004 §三(四)', 'seed 003 §二(一)3', 'seed 002 §二(四)'],
    wordings: [
      {
        source: 'seed 004 §三(五)1',
        zh: '政府集中采购。财政部门要将采购供应商的信用记录或信用报告作为参与政府采购项目招投标时的重要审查依据之一',
      },
      { source: 'seed 004 §三(四)', zh: '政府采购' },
      { source: 'seed 003 §二(一)3', zh: '政府采购' },
      { source: 'seed 002 §二(四)', zh: '政府采购' },
    ],
    mustCheck: true,
    publicResourceTrading: true,
  },
  {
    code: 'LAND_USE_RIGHTS',
    name: { zh: '土地使用权出让', en: 'Grant (transfer) of land-use rights' },
    sources: ['seed 004 §三(五)2'],
    wordings: [
      {
        source: 'seed 004 §三(五)2',
        zh: '土地使用权出让。土地管理部门在办理土地使用权出让相关事宜时要将参与投标的企业、自然人的信用记录作为其开发能力和资质评判的参考依据之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: true,
  },
  {
    code: 'MINING_RIGHTS_TRANSACTION',
    name: { zh: '矿业权交易', en: 'Mining-rights transactions' },
    sources: ['seed 003 §二(一)3'],
    wordings: [{ source: 'seed 003 §二(一)3', zh: '矿业权交易' }],
    mustCheck: true,
    publicResourceTrading: true,
    notes: 'Seed 003 §二(一)3 lists it among the fields where credit products are to be used first ("重点在…取得突破").',
  },
  {
    code: 'STATE_ASSET_TRANSACTION',
    name: { zh: '国有资产产权交易', en: 'Transactions in state-owned property rights' },
    sources: ['seed 004 §三(五)4', 'seed 003 §二(一)3'],
    wordings: [
      {
        source: 'seed 004 §三(五)4',
        zh: '国有资产产权交易。国有资产产权交易过程中，国有资产管理部门应将双方的信用报告或信用记录作为受让人资格审查参考依据之一',
      },
      { source: 'seed 003 §二(一)3', zh: '产权交易' },
    ],
    mustCheck: true,
    publicResourceTrading: true,
  },
  {
    code: 'FOOD_DRUG_PROCUREMENT',
    name: { zh: '食品药品招标采购', en: 'Tendered procurement of food and drugs' },
    sources: ['seed 004 §三(五)5', 'seed 003 §二(一)3'],
    wordings: [
      {
        source: 'seed 004 §三(五)5',
        zh: '食品药品招标采购。由食品药品招标采购主管部门将企业信用报告作为投标人资格审查的重要参考依据之一',
      },
      { source: 'seed 003 §二(一)3', zh: '药品采购' },
    ],
    mustCheck: true,
    publicResourceTrading: true,
    notes:
      'Counted as public resource trading (drug procurement runs on the public resource trading platforms); the seeds do not say so themselves.',
  },
  {
    code: 'FRANCHISE_PPP',
    name: {
      zh: '基础设施和公用事业特许经营、政府和社会资本合作',
      en: 'Infrastructure and public-utility concessions (franchises) and public–private partnership',
    },
    sources: ['seed 000 Art. 7(四)', 'seed 001 §二(三)', 'seed 003 §二(三)2', 'seed 003 §二(一)3'],
    wordings: [
      { source: 'seed 000 Art. 7(四)', zh: '基础设施和公用事业特许经营活动' },
      { source: 'seed 001 §二(三)', zh: '基礎設施和公用事業特許經營' },
      { source: 'seed 003 §二(三)2', zh: '基础设施和公用事业特许经营' },
      { source: 'seed 003 §二(一)3', zh: '政府和社会资本合作' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'FINANCIAL_INSTITUTION_APPROVAL',
    name: {
      zh: '审核小额贷款公司、融资性担保公司设立申请，审查企业投资入股金融机构等事项',
      en: 'Approval of micro-loan and financing-guarantee companies and review of investment in financial institutions',
    },
    sources: ['seed 004 §三(五)7', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    wordings: [
      {
        source: 'seed 004 §三(五)7',
        zh: '金融监督管理部门在审核小额贷款公司、融资性担保公司设立申请，审查企业投资入股金融机构等事项中，应要求相关市场主体提供企业信用报告',
      },
      { source: 'seed 001 §二(三)', zh: '發起設立或參股金融機構以及小額貸款公司、融資擔保公司、創業投資公司、互聯網融資平臺等機構' },
      { source: 'seed 003 §二(三)2', zh: '发起设立或参股金融机构以及小额贷款公司、融资担保公司、创业投资公司、互联网融资平台等机构' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'FINANCING',
    name: { zh: '企业融资（相关融资服务）', en: 'Enterprise financing (related financing services)' },
    sources: ['seed 002 §二(四)', 'seed 000 Art. 7(一)'],
    wordings: [
      { source: 'seed 002 §二(四)', zh: '企业融资' },
      { source: 'seed 000 Art. 7(一)', zh: '相关融资服务' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Seed 002 §二(四) asks for credit reports in enterprise financing; seed 000 Art. 7(一) restricts "相关融资服务" without saying which.',
  },
  {
    code: 'SECURITIES_ISSUANCE',
    name: {
      zh: '债券发行、股票发行上市、全国股份转让系统挂牌',
      en: 'Issuing bonds, issuing and listing shares, quotation on the National Equities Exchange and Quotations',
    },
    sources: ['seed 004 §三(四)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    wordings: [
      { source: 'seed 004 §三(四)', zh: '债券发行' },
      { source: 'seed 001 §二(三)', zh: '股票上市和發行債券' },
      { source: 'seed 003 §二(三)2', zh: '股票发行上市融资或发行债券' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'TAX_INCENTIVES',
    name: { zh: '落实税收优惠政策', en: 'Granting tax incentives (including export tax rebates)' },
    sources: ['seed 004 §三(五)8'],
    wordings: [
      {
        source: 'seed 004 §三(五)8',
        zh: '落实税收优惠政策。在落实有关扶持中小企业发展、节能减排、招商引资、科技创新等税收优惠政策时，税务部门应审查企业信用状况',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'INVESTMENT_PROMOTION',
    name: { zh: '招商引资', en: 'Investment attraction and its supporting preferential policies' },
    sources: ['seed 003 §二(一)3', 'seed 003 §二(二)3'],
    wordings: [
      { source: 'seed 003 §二(一)3', zh: '招商引资' },
      { source: 'seed 003 §二(二)3', zh: '招商引资配套优惠政策' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'PUBLIC_INSTITUTION_STAFFING',
    name: { zh: '事业机构编制管理', en: 'Staffing establishment (编制) of public institutions' },
    sources: ['seed 004 §三(五)11'],
    wordings: [
      {
        source: 'seed 004 §三(五)11',
        zh: '事业机构编制管理。编制管理部门在研究事业机构编制时，应当将事业单位的信用记录或信用报告作为配置事业机构编制的参考依据之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'SOCIAL_HOUSING_ALLOWANCES',
    name: { zh: '保障性住房分配、低保资金发放', en: 'Allocation of social housing and payment of subsistence allowances' },
    sources: ['seed 004 §三(五)12'],
    wordings: [
      {
        source: 'seed 004 §三(五)12',
        zh: '政府公共资源分配。在保障性住房分配、低保资金发放等工作中，住建、房产、民政等相关部门应将当事人的个人信用记录作为必要的审查依据之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Seed 004 calls this "政府公共资源分配" (allocation of public resources), which is not 公共资源交易 (public resource trading).',
  },
  {
    code: 'INTERNET_SERVICES',
    name: {
      zh: '互联网应用及服务领域的行业准入和业务评价',
      en: 'Entry to and evaluation of internet applications and services (including internet information services)',
    },
    sources: ['seed 004 §三(五)13', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    wordings: [
      {
        source: 'seed 004 §三(五)13',
        zh: '互联网应用及服务领域。在互联网组织或企业的服务经营中，各有关部门要将其信用记录和信用报告作为行业准入和业务评价的参考依据之一',
      },
      { source: 'seed 001 §二(三)', zh: '從事互聯網信息服務' },
      { source: 'seed 003 §二(三)2', zh: '从事互联网信息服务' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'SOCIAL_ORG_REGISTRATION',
    name: { zh: '社会组织登记', en: 'Registration of social organisations' },
    sources: ['seed 004 §三(五)14'],
    wordings: [
      {
        source: 'seed 004 §三(五)14',
        zh: '社会组织登记。有关社会法人或个人作为社会组织的主要发起单位或个人时，社会组织登记管理机关将其信用状况作为重要参考依据之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'MARKET_REGISTRATION',
    name: {
      zh: '登记注册、注销、备案',
      en: 'Market-entity registration, deregistration and filing (including registration of officers)',
    },
    sources: ['seed 002 §二(一)', 'seed 001 §二(三)'],
    wordings: [
      { source: 'seed 002 §二(一)', zh: '登记注册、注销、备案' },
      { source: 'seed 001 §二(三)', zh: '擔任法定代表人和董事、監事、高級管理人員' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'MARKET_ACCESS',
    name: { zh: '市场准入', en: 'Market access' },
    sources: ['seed 004 §三(四)', 'seed 001 §二(一)2', 'seed 001 §二(三)'],
    wordings: [
      { source: 'seed 004 §三(四)', zh: '市场准入' },
      { source: 'seed 001 §二(一)2', zh: '在食品藥品生產經營企業日常監管、市場準入中應用信用產品' },
      { source: 'seed 001 §二(三)', zh: '限制市場準入' },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'RESEARCH_PROJECT_APPLICATION',
    name: { zh: '课题申报', en: 'Applications for research projects' },
    sources: ['seed 001 §二(一)2'],
    wordings: [
      {
        source: 'seed 001 §二(一)2',
        zh: '在課題申報等環節,將個人、單位的信用記錄和信用報告作為資格審查的必備條件之一',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
  },
  {
    code: 'PUBLIC_SERVICES',
    name: {
      zh: '公共服务（教育、就业、创业、社会保障等）',
      en: 'Public services (education, employment, entrepreneurship, social security and the like)',
    },
    sources: ['seed 000 Art. 5(一)', 'seed 001 §二(三)', 'seed 003 §二(二)3'],
    wordings: [
      { source: 'seed 000 Art. 5(一)', zh: '公共服务' },
      { source: 'seed 001 §二(三)', zh: '提供公共服務' },
      { source: 'seed 003 §二(二)3', zh: '在教育、就业、创业、社会保障等领域' },
    ],
    mustCheck: false,
    publicResourceTrading: false,
    notes: 'Appears only as the scope of incentives.',
  },
  {
    code: 'GOVERNMENT_EVENTS',
    name: {
      zh: '政府举办的各类会展、峰会、银企对接等活动',
      en: 'Exhibitions, summits, bank–enterprise matchmaking and similar events held by the government',
    },
    sources: ['seed 003 §二(二)3'],
    wordings: [{ source: 'seed 003 §二(二)3', zh: '在政府举办的各类会展、峰会、银企对接等活动中' }],
    mustCheck: false,
    publicResourceTrading: false,
    notes: 'Appears only as the scope of an incentive.',
  },
  {
    code: 'OTHER_ADMIN_MATTERS',
    name: { zh: '其他需要使用信用记录的行政管理事项', en: 'Other administrative matters that require credit records' },
    sources: ['seed 000 Art. 4(七)', 'seed 004 §三(五)16'],
    wordings: [
      { source: 'seed 000 Art. 4(七)', zh: '其他需要使用信用记录的行政管理事项' },
      {
        source: 'seed 004 §三(五)16',
        zh: '其他行政管理事项。对于食品药品安全。环境保护。安全生产、产品质量、医疗卫生、工程建设、教育科研、电子商务、融资担保、市场中介等关系人民群众切身利益。经济健康发展和社会和谐稳定的重点领域，应加快推进相关主体的信用记录和信用报告在行政管理事项中的使用',
      },
    ],
    mustCheck: true,
    publicResourceTrading: false,
    notes: 'Catch-all. Measures that apply to every matter (`*`) apply here; measures tied to named matters do not.',
  },
];

const BY_CODE: ReadonlyMap<string, MatterType> = new Map(MATTER_TYPES.map((m) => [m.code, m]));

export function isMatterTypeCode(code: string): code is MatterTypeCode {
  return BY_CODE.has(code);
}

export function getMatterType(code: MatterTypeCode): MatterType {
  const matter = BY_CODE.get(code);
  if (!matter) throw new Error(`unknown matter type: ${code}`);
  return matter;
}

/** The matters that make up public resource trading (公共资源交易) in the seeds' measures. */
export const PUBLIC_RESOURCE_TRADING_MATTERS: readonly MatterTypeCode[] = MATTER_TYPES.filter(
  (m) => m.publicResourceTrading,
).map((m) => m.code);
