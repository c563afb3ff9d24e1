import type { LocalizedMessage } from '../errors';
import type { SubjectType } from '../identifiers/subject';
import type { MatterTypeCode } from '../matters/matter-types';
import { NAMED_INSTRUMENTS as LAW, type SeedCitation } from './seed-sources';

/**
 * The joint reward and punishment measures (联合奖惩措施) the five seeds contain: the seeded edition of the
 * measures list (措施清单, seed 003 §二(四)4).
 *
 * One record per measure; a measure that several seeds contain is one record citing all of them, with the
 * verbatim wording of each in `quotes`. `content.zh` is the first source's wording trimmed to the measure ("…"
 * marks an omission; the governing "限制" is restored where the seed shares one verb across a list; seed 001's
 * traditional characters are written in simplified ones); `quotes` keep the exact text.
 *
 * Codes are stable (they are stored with verdicts and feedback): `I-` incentive, `P-` punishment, `R-`
 * regulatory measure. Add codes; never rename or reuse one.
 */

/** 激励 / 惩戒 / 监管 — the seeds' own three kinds (seed 000 Art. 5, 7 and 6). */
export const MeasureType = {
  INCENTIVE: 'INCENTIVE',
  PUNISHMENT: 'PUNISHMENT',
  REGULATORY: 'REGULATORY',
} as const;
export type MeasureType = (typeof MeasureType)[keyof typeof MeasureType];

/** The two classes of seed 003 §二(四)4 (after 国发〔2016〕33号). */
export const MeasureClass = {
  /** 强制性措施: 依法必须联合执行. */
  MANDATORY: 'MANDATORY',
  /** 推荐性措施: recommended by the parties; each department may choose to apply it. */
  RECOMMENDED: 'RECOMMENDED',
} as const;
export type MeasureClass = (typeof MeasureClass)[keyof typeof MeasureClass];

/**
 * Subject groups a measure targets. A subject in any of a measure's groups (or with any of its grades) is
 * targeted.
 */
export const MeasureTargetList = {
  /** 红名单 / 诚信典型 (incl. sources such as A-grade taxpayers, seed 003 §二(二)1). */
  RED: 'RED',
  /** 严重失信主体名单 ("黑名单", 失信联合惩戒对象). */
  SERIOUS_DISHONESTY: 'SERIOUS_DISHONESTY',
  /** 重点关注对象名单: dishonest, below the serious threshold (seed 002 §四(一)). */
  KEY_ATTENTION: 'KEY_ATTENTION',
  /** Any subject with an active adverse (失信) record, whatever its tier. */
  ANY_ADVERSE: 'ANY_ADVERSE',
  /** 连续三年无失信行为记录 (seed 000 Art. 5; seed 003 §二(二)2). */
  CLEAN_3_YEARS: 'CLEAN_3_YEARS',
  /** 无不良信用记录: no active adverse record at all, however short the history (seed 002 §二(一); seed 003 §二(二)1). */
  NO_ADVERSE_RECORD: 'NO_ADVERSE_RECORD',
} as const;
export type MeasureTargetList = (typeof MeasureTargetList)[keyof typeof MeasureTargetList];

/** Credit grades of graded supervision (分级分类, seed 002 §三(四); RULES §3): A low risk … D highest. */
export type MeasureTargetGrade = 'A' | 'B' | 'C' | 'D';

/**
 * What a measure does to the matter at hand. A hint for turning measures into a check verdict: a MANDATORY
 * `BAR` is the "一票否决" (reject); `RESTRICT`/`REVOKE` restrict; `SCRUTINY` means closer review; `BENEFIT`
 * is an incentive; `PUBLICITY` and `RECORD` act outside the matter (publication, records kept by others).
 */
export const MeasureEffect = {
  /** 取消…资格 / 禁入 / 不予受理: the subject may not take part. */
  BAR: 'BAR',
  /** 限制 / 从严: participation limited or made harder. */
  RESTRICT: 'RESTRICT',
  /** 撤销 / 重新评定: an existing title or qualification withdrawn or reassessed. */
  REVOKE: 'REVOKE',
  /** 重点审查 / 重点监管 / 加强检查 / 提高抽查比例: closer review or inspection. */
  SCRUTINY: 'SCRUTINY',
  /** 优先 / 容缺 / 加分 / 减少检查: an advantage. */
  BENEFIT: 'BENEFIT',
  /** 公示 / 推介 / 曝光. */
  PUBLICITY: 'PUBLICITY',
  /** Recorded in files kept by credit bureaus, trade associations or the identifying department. */
  RECORD: 'RECORD',
} as const;
export type MeasureEffect = (typeof MeasureEffect)[keyof typeof MeasureEffect];

/** Who carries the measure out, in the grouping of 国发〔2016〕33号 that seed 003 §二(三)2–4 follows. */
export const MeasureChannel = {
  /** 行政性: public bodies in their administrative matters (and courts). */
  ADMINISTRATIVE: 'ADMINISTRATIVE',
  /** 市场性: financial institutions, credit bureaus, service providers (and the consumption restrictions). */
  MARKET: 'MARKET',
  /** 行业性: trade associations and chambers of commerce. */
  INDUSTRY: 'INDUSTRY',
  /** 社会性: publicity to society. */
  SOCIAL: 'SOCIAL',
} as const;
export type MeasureChannel = (typeof MeasureChannel)[keyof typeof MeasureChannel];

export interface MeasureTarget {
  /** Groups targeted (any of). May be empty when `grades` says who is targeted. */
  readonly lists: readonly MeasureTargetList[];
  /** Credit grades targeted (any of), for graded-supervision measures. */
  readonly grades?: readonly MeasureTargetGrade[];
  /**
   * The measure also applies to the legal representative, principal and directly responsible persons of a
   * targeted organisation ("落实到人", seed 003 §二(三)5).
   */
  readonly relatedPersons?: boolean;
  /** Kinds of subject the measure is limited to; absent = any. */
  readonly subjectTypes?: readonly SubjectType[];
  /** The seeds' wording of whom the measure targets (zh). */
  readonly wording: string;
}

/** The exact wording of one seed for a measure, with the implementing body that seed names, if any. */
export interface SeedQuote {
  readonly source: SeedCitation;
  /** Verbatim, whitespace aside (seed 001 in its traditional characters). */
  readonly zh: string;
  /** As the seed names it (责任单位 or the body in the text). */
  readonly implementingBody?: string;
}

/** `*`: the measure applies to every matter. */
export const ALL_MATTERS = '*';
export type MeasureMatterScope = MatterTypeCode | typeof ALL_MATTERS;

export interface JointMeasure {
  readonly code: string;
  readonly content: LocalizedMessage;
  readonly type: MeasureType;
  readonly class: MeasureClass;
  /** Why the class was chosen: the seeds rarely say. */
  readonly classBasis: string;
  readonly effect: MeasureEffect;
  readonly channel: MeasureChannel;
  readonly target: MeasureTarget;
  /**
   * Matters the measure applies to, `['*']` for every matter, or `[]` when it is not applied through an
   * administrative matter at all (courts, banks, trade associations, publication).
   */
  readonly matterTypes: readonly MeasureMatterScope[];
  /** The seed's wording when it names one; otherwise the generic body the seeds use. */
  readonly implementingBody: LocalizedMessage;
  /** Seed citations followed by the laws and rules the seeds name as their basis. */
  readonly legalBasis: readonly string[];
  /** Every seed article/section/item containing the measure; the first is the one `content.zh` follows. */
  readonly sources: readonly SeedCitation[];
  readonly quotes: readonly SeedQuote[];
  /** Default period of the measure when a seed states one; no seed does, so all are `null` for now. */
  readonly defaultPeriodMonths: number | null;
  /** Ambiguities and judgement calls. */
  readonly notes?: string;
}

/** A clause inside the seed sections the measures list draws on that contains no measure of its own. */
export interface ClauseWithoutMeasure {
  readonly source: SeedCitation;
  readonly reason: string;
}

// Subject types, spelled out so this file needs no runtime import from identifiers.
const ORGANISATIONS: readonly SubjectType[] = ['LEGAL_PERSON', 'ORGANIZATION'];
const PERSONS: readonly SubjectType[] = ['NATURAL_PERSON'];

const PUBLIC_RESOURCE_TRADING: readonly MatterTypeCode[] = [
  'PUBLIC_BIDDING_FISCAL',
  'GOVERNMENT_PROCUREMENT',
  'LAND_USE_RIGHTS',
  'MINING_RIGHTS_TRANSACTION',
  'STATE_ASSET_TRANSACTION',
  'FOOD_DRUG_PROCUREMENT',
];

/** The matters seed 002 §二(一) lists ("招标投标、登记注册、注销、备案、核准、许可、资质审核、行政执法监管、…"). */
const SEED_002_CHECKED_MATTERS: readonly MatterTypeCode[] = [
  'PUBLIC_BIDDING_FISCAL',
  'MARKET_REGISTRATION',
  'PROJECT_APPROVAL',
  'ADMIN_LICENSING',
  'QUALIFICATION_ASSESSMENT',
  'INSPECTION',
  'AWARDS_COMMENDATIONS',
  'CIVIL_SERVICE_HIRING',
  'FISCAL_FUNDS',
];

// Document-level bases the seeds name (seed-sources.ts lists them per seed).
const BASIS_000 = [LAW.GUOBANFA_2019_35, LAW.GUOBANFA_2020_49, LAW.HUNAN_GOV_ORDER_303, LAW.XIANGZHENGBANFA_2021_54];
const BASIS_001 = [LAW.GUOFA_2016_33];
const BASIS_002 = [LAW.GUOBANFA_2019_35];
const BASIS_003 = [LAW.GUOFA_2016_33, LAW.HUNAN_CREDIT_REGULATION, LAW.XIANGZHENGBANFA_2021_54];
const BASIS_004 = [LAW.GUOFA_2014_21, LAW.YUZHENGBAN_2020_7];

function basis(citations: readonly SeedCitation[], ...instruments: (readonly string[])[]): readonly string[] {
  return [...citations, ...new Set(instruments.flat())];
}

// Implementing bodies as the seeds name them.
const BODY_000 = '本厅（湖南省工业和信息化厅）及厅机关各处室、厅属各单位';
const BODY_001_S23 = '各級人民政府,各有關部門';
const BODY_003_S22_1 = '县税务局、县民政局、县委宣传部、县委网信办、团县委、县工商联等有关单位';
const BODY_003_S22_2 = '县税务局、县住建局、县自然资源局、县发改局、县财政局、县市监局等有关单位';
const BODY_003_S22_3 = '县财政局、县商务局、县教育局、县人社局、县发改局等有关单位';
const BODY_003_S22_4 = '县市监局、县应急局等有关单位';
const BODY_003_S22_5 = '人民银行安化支行、县税务局等有关单位';
const BODY_003_S23_2 = '县发改局、人民银行安化支行、县财政局、县人社局、县住建局、县商务局、县市监局、县应急局等有关单位';
const BODY_003_S23_3 = '县发改局、人民银行安化支行、县市监局、县人民法院等有关单位';
const BODY_003_S23_4 = '县发改局、县民政局、县工商联、人民银行安化支行、县市监局、县商务局等有关单位';
const BODY_003_S23_5 = '县发改局、人民银行安化支行、县公安局、县人社局等有关单位';
const BODY_004_S11 = '行政机关及具有管理、服务公共事务职能的组织';

const GENERIC_BODY: LocalizedMessage = { zh: '各有关部门', en: 'the relevant departments' };

// Recurring reasons for a class.
const CLASS_000_ART7 =
  'MANDATORY: seed 000 Art. 7 says the department "还应依照法律、行政法规和国家规定，就相关联的事项采取下列惩戒措施" — binding ("应") and expressly resting on laws, administrative regulations and national rules; to be applied to the related matters only.';
const CLASS_33_ADMIN =
  'MANDATORY: one of the administrative restrictions that seed 001 §二(三) ("各级各有关部门要…依法依规采取行政性约束和惩戒措施") and/or seed 003 §二(三)2 ("各有关部门应…依法依规采取下列行政性约束和惩戒措施") order against seriously dishonest subjects, both resting on 国发〔2016〕33号, a State Council rule; binding wording on a named State Council basis.';
const CLASS_INCENTIVE =
  'RECOMMENDED: an incentive granted within the department’s discretion (seed 000 Art. 5: "在法定权限范围内"; seed 003: "可" / "优先" / "提倡"); no law the seeds name compels it.';
const CLASS_CONSUMPTION =
  'MANDATORY: seeds 001 §二(三) and 003 §二(三)3 order it ("对有履行能力但拒不履行…的严重失信主体实施限制…") on the basis of 国发〔2016〕33号; it rests on court enforcement law (the Civil Procedure Law’s measures against judgment debtors and the Supreme People’s Court rules restricting high consumption), which the seeds do not name. Executed by courts with carriers and service providers, not through an administrative matter.';

export const JOINT_MEASURES: readonly JointMeasure[] = [
  // ——— Incentives ———
  {
    code: 'I-CONVENIENCE',
    content: {
      zh: '在实施行政管理和公共服务中给予优先办理、容缺办理等便利措施',
      en: 'In administration and public services, grant conveniences such as priority handling and acceptance with documents outstanding (容缺办理); green channels and simplified procedures',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis:
      CLASS_INCENTIVE +
      ' Seed 003 §二(二)2 and seed 002 §二(二) say "应先行受理" for applicants who promise in writing to supply missing documents, but only "对符合条件的" applicants and without a named law; kept RECOMMENDED.',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['CLEAN_3_YEARS', 'RED'],
      grades: ['A'],
      wording:
        '连续三年无失信行为记录的行政相对人 (000); 守信社会主体 (001); 诚信典型和连续三年无不良信用记录的行政相对人 (003); 信用状况较好 (002); 信用记录良好、信用等级较高的社会主体 (004)',
    },
    matterTypes: ['*'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 5(一)', 'seed 003 §二(二)2', 'seed 004 §五(十一)', 'seed 001 §二(三)', 'seed 002 §二(二)'],
      BASIS_000,
      BASIS_003,
      BASIS_004,
      BASIS_001,
      BASIS_002,
    ),
    sources: ['seed 000 Art. 5(一)', 'seed 003 §二(二)2', 'seed 004 §五(十一)', 'seed 001 §二(三)', 'seed 002 §二(二)'],
    quotes: [
      { source: 'seed 000 Art. 5(一)', zh: '在实施行政管理和公共服务中给予优先办理、容缺办理等便利措施', implementingBody: BODY_000 },
      {
        source: 'seed 003 §二(二)2',
        zh: '在办理行政许可过程中，对诚信典型和连续三年无不良信用记录的行政相对人，可根据国家法律法规对行政审批的申请材料和法定程序来确定行政许可审批的“绿色通道”和“容缺受理”等便利服务措施。对符合条件的行政相对人，除法律法规要求提供的材料外，部分申报材料不齐备的，如其书面承诺在规定期限内提供，应先行受理，加快办理进度',
        implementingBody: BODY_003_S22_2,
      },
      {
        source: 'seed 004 §五(十一)',
        zh: '对信用记录良好、信用等级较高的社会主体，实行优先办理、简化程序、绿色通道、优化检查频次，重点支持等激励政策',
        implementingBody: BODY_004_S11,
      },
      {
        source: 'seed 001 §二(三)',
        zh: '在評先評優、行政審批、提供公共服務、項目招標投標、政府性資金申請和撥付等方面優先辦理',
        implementingBody: BODY_001_S23,
      },
      {
        source: 'seed 002 §二(二)',
        zh: '申请人信用状况较好、部分申报材料不齐全但书面承诺在规定期限内提供的，应先行受理，加快办理进度',
        implementingBody: '牵头单位：市发改委、市政务服务和大数据管理局，责任单位：各县（市）区人民政府、相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 003 limits 绿色通道/容缺受理 to administrative licensing and seed 002 §二(二) to licensing under the commitment system; seeds 000 and 004 apply conveniences to administration and public services generally, hence `*`. Seed 004 targets subjects with a good record and a high grade, recorded as RED and grade A.',
  },
  {
    code: 'I-FUNDING-AWARDS-PREFERENCE',
    content: {
      zh: '在财政资金支持和表彰奖励中，在同等条件下列为优先选择对象',
      en: 'In fiscal-fund support and in awards and commendations, list as a preferred choice under equal conditions',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE,
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['CLEAN_3_YEARS', 'RED'],
      wording: '连续三年无失信行为记录的行政相对人 (000); 诚信主体 (003)',
    },
    matterTypes: ['FISCAL_FUNDS', 'AWARDS_COMMENDATIONS', 'INVESTMENT_PROMOTION'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 000 Art. 5(二)', 'seed 003 §二(二)3'], BASIS_000, BASIS_003),
    sources: ['seed 000 Art. 5(二)', 'seed 003 §二(二)3'],
    quotes: [
      { source: 'seed 000 Art. 5(二)', zh: '在财政资金支持和表彰奖励中，在同等条件下列为优先选择对象', implementingBody: BODY_000 },
      {
        source: 'seed 003 §二(二)3',
        zh: '在实施财政性资金项目安排、招商引资配套优惠政策等各类政府优惠扶持政策中，优先考虑诚信主体',
        implementingBody: BODY_003_S22_3,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'I-EQUAL-CONDITIONS-PREFERENCE',
    content: {
      zh: '同等条件下，应选择信用记录优良或无不良信用记录的市场主体',
      en: 'Under equal conditions, choose the market entity with a good credit record or no adverse credit record',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED: the wording is binding ("应选择"), but it is a city normative document naming no law that compels the preference, and in tendering and procurement the evaluation must follow the published criteria, so the preference can only break ties; an incentive, no named law compels it.',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['NO_ADVERSE_RECORD', 'RED'], wording: '信用记录优良或无不良信用记录的市场主体' },
    matterTypes: SEED_002_CHECKED_MATTERS.filter((m) => m !== 'INSPECTION'),
    implementingBody: {
      zh: '各级各部门（牵头单位：市发改委）',
      en: 'all departments at every level (lead: the municipal Development and Reform Commission)',
    },
    legalBasis: basis(['seed 002 §二(一)'], BASIS_002, [LAW.HUANGSHI_INTERIM_MEASURES]),
    sources: ['seed 002 §二(一)'],
    quotes: [
      {
        source: 'seed 002 §二(一)',
        zh: '同等条件下，应选择信用记录优良或无不良信用记录的市场主体',
        implementingBody: '牵头单位：市发改委，责任单位：各县（市）区人民政府、市信用体系建设成员单位',
      },
    ],
    defaultPeriodMonths: null,
    notes: 'Applies to the matters seed 002 §二(一) lists, except 行政执法监管 where there is no choice between subjects.',
  },
  {
    code: 'I-TRADING-CREDIT-BONUS',
    content: {
      zh: '在公共资源交易中，给予信用加分、提升信用等次',
      en: 'In public resource trading, award credit bonus points and raise the credit rank',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE + ' Seed 003 says only "提倡" (advocate) "依法依约" (by law and by the tender terms).',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['CLEAN_3_YEARS', 'RED'],
      wording: '连续三年无失信行为记录的行政相对人 (000); 诚信主体 (003)',
    },
    matterTypes: PUBLIC_RESOURCE_TRADING,
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 000 Art. 5(三)', 'seed 003 §二(二)3'], BASIS_000, BASIS_003),
    sources: ['seed 000 Art. 5(三)', 'seed 003 §二(二)3'],
    quotes: [
      { source: 'seed 000 Art. 5(三)', zh: '在公共资源交易中，给予信用加分、提升信用等次', implementingBody: BODY_000 },
      {
        source: 'seed 003 §二(二)3',
        zh: '在有关公共资源交易活动中，应查询市场主体信用记录或要求其提供由具备资质的信用服务机构出具的信用报告，提倡依法依约对诚信主体采取信用加分等激励措施',
        implementingBody: BODY_003_S22_3,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'I-FEWER-INSPECTIONS',
    content: {
      zh: '在日常监管中，优化检查频次',
      en: 'In routine supervision, optimise (reduce) the frequency of inspections; reduce or waive routine supervisory inspections according to law',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis:
      CLASS_INCENTIVE +
      ' Seed 001 says "依法依规减少或免除日常监督检查" — only as far as law allows, which makes it discretionary, not compelled.',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['CLEAN_3_YEARS', 'RED'],
      grades: ['A'],
      wording:
        '连续三年无失信行为记录的行政相对人 (000); 守信社会主体 (001); 符合一定条件的诚信示范企业 (003); 信用记录良好、信用等级较高的社会主体 (004)',
    },
    matterTypes: ['INSPECTION'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 5(四)', 'seed 001 §二(三)', 'seed 003 §二(二)4', 'seed 004 §五(十一)'],
      BASIS_000,
      BASIS_001,
      BASIS_003,
      BASIS_004,
    ),
    sources: ['seed 000 Art. 5(四)', 'seed 001 §二(三)', 'seed 003 §二(二)4', 'seed 004 §五(十一)'],
    quotes: [
      { source: 'seed 000 Art. 5(四)', zh: '在日常监管中，优化检查频次', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '依法依規減少或免除日常監督檢查', implementingBody: BODY_001_S23 },
      {
        source: 'seed 003 §二(二)4',
        zh: '对符合一定条件的诚信示范企业，在日常检查、专项检查中优化检查频次',
        implementingBody: BODY_003_S22_4,
      },
      {
        source: 'seed 004 §五(十一)',
        zh: '对信用记录良好、信用等级较高的社会主体，实行优先办理、简化程序、绿色通道、优化检查频次，重点支持等激励政策',
        implementingBody: BODY_004_S11,
      },
    ],
    defaultPeriodMonths: null,
    notes: 'Seed 003 gives it only to "符合一定条件的诚信示范企业" without saying which conditions.',
  },
  {
    code: 'I-GRADE-A-REDUCED-SAMPLING',
    content: {
      zh: '对信用较好、风险较低的市场主体，可合理降低抽查比例和频次，减少对正常生产经营的影响',
      en: 'For market entities with good credit and low risk, reasonably lower the ratio and frequency of random inspections, to reduce interference with normal business',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: permissive wording ("可合理降低"); part of graded supervision, no law compels it.',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: [], grades: ['A'], wording: '信用较好、风险较低的市场主体', subjectTypes: ORGANISATIONS },
    matterTypes: ['INSPECTION'],
    implementingBody: {
      zh: '相关行业主管部门（牵头单位：市发改委、市市场监管局）',
      en: 'the competent industry departments (lead: municipal Development and Reform Commission, municipal Market Regulation Bureau)',
    },
    legalBasis: basis(['seed 002 §三(四)'], BASIS_002),
    sources: ['seed 002 §三(四)'],
    quotes: [
      {
        source: 'seed 002 §三(四)',
        zh: '对信用较好、风险较低的市场主体，可合理降低抽查比例和频次，减少对正常生产经营的影响',
        implementingBody: '牵头单位：市发改委、市市场监管局，责任单位：各县（市）区人民政府、相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 002 has three tiers (较好/较低 → A here; 一般 → "按常规比例和频次抽查", the baseline, no measure; 违法失信/较高 → C and D, R-GRADE-CD-INCREASED-SAMPLING). The sampling ratios themselves are a policy parameter, not stated in the seed.',
  },
  {
    code: 'I-PUBLICISE-EXEMPLARS',
    content: {
      zh: '将…信用状况良好的行政相对人、诚信道德模范、A级纳税人、优秀青年志愿者…等树立为诚信典型，通过“信用安化”网站、政府网站等多种途径公示推介',
      en: 'Hold up subjects in good credit standing, moral models of honesty, A-grade taxpayers and the like as honesty exemplars, and publicise and recommend them through websites and other channels (including quarterly red-list press conferences)',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED: seed 003 words it as encouragement ("鼓励…向社会推介"); seed 002 §四(三) makes the quarterly red/black-list press conference a fixed practice, but that is a duty of the credit office, not a measure a law compels towards the subject.',
    effect: 'PUBLICITY',
    channel: 'SOCIAL',
    target: {
      lists: ['RED', 'NO_ADVERSE_RECORD'],
      wording: '诚信典型; 无不良信用记录者 (003); 守信典型 (002 §四(三)); 诚信示范单位（企业） (002 §四(七))',
    },
    matterTypes: [],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 003 §二(二)1', 'seed 002 §四(三)', 'seed 002 §四(七)'],
      BASIS_003,
      BASIS_002,
      [LAW.HUANGSHI_RED_BLACK_LIST_SYSTEM],
    ),
    sources: ['seed 003 §二(二)1', 'seed 002 §四(三)', 'seed 002 §四(七)'],
    quotes: [
      {
        source: 'seed 003 §二(二)1',
        zh: '将有关部门和社会组织实施信用分类监管确定的信用状况良好的行政相对人、诚信道德模范、A级纳税人、优秀青年志愿者，行业协会商会推荐的诚信会员，新闻媒体挖掘的诚信主体等树立为诚信典型，通过“信用安化”网站、政府网站等多种途径公示推介',
        implementingBody: BODY_003_S22_1,
      },
      { source: 'seed 003 §二(二)1', zh: '向社会推介无不良信用记录者和有关诚信典型', implementingBody: BODY_003_S22_1 },
      {
        source: 'seed 002 §四(三)',
        zh: '坚持每季度组织一期“红黑名单”新闻发布会，形成强大的舆论导向，持续正向激励守信典型，鞭策失信典型',
        implementingBody: '牵头单位：市文明办、市发改委，责任单位：相关行业主管部门',
      },
      {
        source: 'seed 002 §四(七)',
        zh: '在全市范围内集中评选一批“诚信示范单位（企业）”、“诚信示范街区”、“诚信经营示范店（商户）”',
        implementingBody: '牵头单位：市委宣传部、市发改委、市人行，市市场监管局，责任单位：相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 003 §二(二)1 also names the sources of the red list (A级纳税人, 诚信道德模范, 优秀青年志愿者, …): list criteria, not measures. Seed 002 §四(七)’s "研究出台针对诚信示范企业的若干优惠政策" names no policy yet.',
  },
  {
    code: 'I-INDIVIDUAL-PRIORITY-SERVICES',
    content: {
      zh: '在教育、就业、创业、社会保障等领域对诚信个人给予重点支持和优先便利',
      en: 'Give honest individuals focused support and priority conveniences in education, employment, entrepreneurship, social security and similar fields',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE,
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['RED'], subjectTypes: PERSONS, wording: '诚信个人' },
    matterTypes: ['PUBLIC_SERVICES'],
    implementingBody: { zh: BODY_003_S22_3, en: 'county finance, commerce, education, human resources and development-and-reform bureaus and other relevant units' },
    legalBasis: basis(['seed 003 §二(二)3'], BASIS_003),
    sources: ['seed 003 §二(二)3'],
    quotes: [
      {
        source: 'seed 003 §二(二)3',
        zh: '在教育、就业、创业、社会保障等领域对诚信个人给予重点支持和优先便利',
        implementingBody: BODY_003_S22_3,
      },
    ],
    defaultPeriodMonths: null,
    notes: 'The seed does not say who counts as an "诚信个人"; mapped to the red list.',
  },
  {
    code: 'I-EVENT-PROMOTION',
    content: {
      zh: '在政府举办的各类会展、峰会、银企对接等活动中，优先推介诚信企业',
      en: 'Give honest enterprises priority promotion at exhibitions, summits, bank–enterprise matchmaking and other events held by the government',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE,
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['RED'], subjectTypes: ORGANISATIONS, wording: '诚信企业' },
    matterTypes: ['GOVERNMENT_EVENTS'],
    implementingBody: { zh: BODY_003_S22_3, en: 'county finance, commerce, education, human resources and development-and-reform bureaus and other relevant units' },
    legalBasis: basis(['seed 003 §二(二)3'], BASIS_003),
    sources: ['seed 003 §二(二)3'],
    quotes: [
      {
        source: 'seed 003 §二(二)3',
        zh: '在政府举办的各类会展、峰会、银企对接等活动中，优先推介诚信企业',
        implementingBody: BODY_003_S22_3,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'I-MARKET-FACILITATION',
    content: {
      zh: '引导金融机构和商业销售机构等市场服务机构参考使用市场主体信用记录、信用积分和信用评价结果，对诚信市场主体给予优惠和便利',
      en: 'Guide financial institutions, commercial sellers and other market service providers to use credit records, credit scores and credit ratings, and to give honest market entities preferential terms and conveniences (credit-based products such as 信易贷; credit loans for SMEs chosen as honesty exemplars)',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED: "鼓励" / "引导" (seed 003) and "探索" (seed 002): carried out voluntarily by market institutions.',
    effect: 'BENEFIT',
    channel: 'MARKET',
    target: {
      lists: ['RED'],
      wording: '诚信市场主体 (003); 诚信企业评选结果 (002 §四(七))',
    },
    matterTypes: ['FINANCING'],
    implementingBody: {
      zh: '金融机构和商业销售机构等市场服务机构',
      en: 'financial institutions, commercial sellers and other market service providers',
    },
    legalBasis: basis(['seed 003 §二(二)5', 'seed 002 §四(七)'], BASIS_003, BASIS_002),
    sources: ['seed 003 §二(二)5', 'seed 002 §四(七)'],
    quotes: [
      {
        source: 'seed 003 §二(二)5',
        zh: '鼓励有关部门和单位开发“税易贷”、“信易贷”、“信易债”、“信易审”等守信激励产品，引导金融机构和商业销售机构等市场服务机构参考使用市场主体信用记录、信用积分和信用评价结果，对诚信市场主体给予优惠和便利',
        implementingBody: BODY_003_S22_5,
      },
      {
        source: 'seed 002 §四(七)',
        zh: '探索将诚信企业评选结果直接应用于中小企业信用贷款',
        implementingBody: '牵头单位：市委宣传部、市发改委、市人行，市市场监管局，责任单位：相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
    notes: 'Tied to FINANCING so that a check on a financing matter shows it; otherwise carried out by the institutions themselves.',
  },
  {
    code: 'I-KEY-SUPPORT',
    content: { zh: '重点支持', en: 'Focused (key) support' },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE,
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['RED'], grades: ['A'], wording: '信用记录良好、信用等级较高的社会主体' },
    matterTypes: ['*'],
    implementingBody: { zh: BODY_004_S11, en: 'administrative bodies and organisations with public-affairs management or service functions' },
    legalBasis: basis(['seed 004 §五(十一)'], BASIS_004),
    sources: ['seed 004 §五(十一)'],
    quotes: [
      {
        source: 'seed 004 §五(十一)',
        zh: '对信用记录良好、信用等级较高的社会主体，实行优先办理、简化程序、绿色通道、优化检查频次，重点支持等激励政策',
        implementingBody: BODY_004_S11,
      },
    ],
    defaultPeriodMonths: null,
    notes: 'The seed does not say in what the support consists or in which matters; recorded as applying to every matter.',
  },
  {
    code: 'I-TAX-PRIORITY',
    content: {
      zh: '优先支持信用状况良好的企业发展，并在国家下达的出口退税计划内，优先安排为信用状况良好的企业办理出口退税',
      en: 'Give priority support to enterprises in good credit standing and, within the export-rebate plan set by the State, handle their export tax rebates first',
    },
    type: 'INCENTIVE',
    class: 'RECOMMENDED',
    classBasis: CLASS_INCENTIVE + ' Worded "优先" (priority).',
    effect: 'BENEFIT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['RED'], grades: ['A'], subjectTypes: ORGANISATIONS, wording: '信用状况良好的企业' },
    matterTypes: ['TAX_INCENTIVES'],
    implementingBody: { zh: '税务部门', en: 'the tax authorities' },
    legalBasis: basis(['seed 004 §三(五)8'], BASIS_004),
    sources: ['seed 004 §三(五)8'],
    quotes: [
      {
        source: 'seed 004 §三(五)8',
        zh: '优先支持信用状况良好的企业发展，并在国家下达的出口退税计划内，优先安排为信用状况良好的企业办理出口退税',
        implementingBody: '税务部门',
      },
    ],
    defaultPeriodMonths: null,
    notes: 'Outside the sections the measures list was asked to cover (seed 004 §三(五) is the list of matters), but a measure nonetheless.',
  },

  // ——— Regulatory measures ———
  {
    code: 'R-KEY-LICENSING-REVIEW',
    content: {
      zh: '在实施行政许可等工作中，列为重点审查对象',
      en: 'In administrative licensing and similar work, treat as a subject of focused review',
    },
    type: 'REGULATORY',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: seed 000 Art. 6 says the department "可采取" (may take) these regulatory measures.',
    effect: 'SCRUTINY',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['ANY_ADVERSE'], wording: '违反法定义务或者约定义务的行政相对人' },
    matterTypes: ['ADMIN_LICENSING', 'QUALIFICATION_ASSESSMENT', 'PERIODIC_REVIEW'],
    implementingBody: { zh: BODY_000, en: 'the Department (Hunan DIIT), its divisions and affiliated units' },
    legalBasis: basis(['seed 000 Art. 6(一)'], BASIS_000),
    sources: ['seed 000 Art. 6(一)'],
    quotes: [{ source: 'seed 000 Art. 6(一)', zh: '在实施行政许可等工作中，列为重点审查对象', implementingBody: BODY_000 }],
    defaultPeriodMonths: null,
    notes:
      '"行政许可等" read as the licensing family of seed 000 Art. 4(三) (licensing, qualification assessment, periodic review). Seed 000 Art. 6 requires a written notice naming the public credit information used and its provider before the measure is applied.',
  },
  {
    code: 'R-RESTRICT-CONVENIENCES',
    content: {
      zh: '在行政管理工作中，限制享受行政便利措施',
      en: 'In administrative work, restrict the enjoyment of administrative conveniences',
    },
    type: 'REGULATORY',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: seed 000 Art. 6 says the department "可采取" (may take) these regulatory measures.',
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['ANY_ADVERSE'], wording: '违反法定义务或者约定义务的行政相对人' },
    matterTypes: ['*'],
    implementingBody: { zh: BODY_000, en: 'the Department (Hunan DIIT), its divisions and affiliated units' },
    legalBasis: basis(['seed 000 Art. 6(二)'], BASIS_000),
    sources: ['seed 000 Art. 6(二)'],
    quotes: [{ source: 'seed 000 Art. 6(二)', zh: '在行政管理工作中，限制享受行政便利措施', implementingBody: BODY_000 }],
    defaultPeriodMonths: null,
    notes: 'The counterpart of I-CONVENIENCE (no 容缺 handling, no green channel). Written notice first (seed 000 Art. 6).',
  },
  {
    code: 'R-KEY-INSPECTION',
    content: {
      zh: '在日常监督检查中，列为重点监督检查对象，加强现场检查',
      en: 'In routine supervision and inspection, treat as a subject of focused supervision and strengthen on-site inspections',
    },
    type: 'REGULATORY',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED: seed 000 Art. 6 says "可采取" (may take); seed 001 only asks to "加强…监督管理" of dishonest subjects in general terms.',
    effect: 'SCRUTINY',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['ANY_ADVERSE'], wording: '违反法定义务或者约定义务的行政相对人 (000); 失信社会主体 (001)' },
    matterTypes: ['INSPECTION'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 000 Art. 6(三)', 'seed 001 §二(三)'], BASIS_000, BASIS_001),
    sources: ['seed 000 Art. 6(三)', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 000 Art. 6(三)', zh: '在日常监督检查中，列为重点监督检查对象，加强现场检查', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '加強對失信社會主體監督管理', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
    notes: 'Written notice first (seed 000 Art. 6).',
  },
  {
    code: 'R-KEY-SUPERVISION-SERIOUS',
    content: {
      zh: '将严重失信主体列为重点监管对象',
      en: 'Treat seriously dishonest subjects as subjects of focused supervision',
    },
    type: 'REGULATORY',
    class: 'MANDATORY',
    classBasis:
      'MANDATORY: binding in both seeds ("要将其列为重点监管对象" 001; "应将严重失信主体列为重点监管对象" 003) on the basis of 国发〔2016〕33号; it takes no right away, so it makes the check a closer review, not a rejection.',
    effect: 'SCRUTINY',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信社会主体 (001); 严重失信主体 (003)' },
    matterTypes: ['*'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)2', zh: '各有关部门应将严重失信主体列为重点监管对象', implementingBody: BODY_003_S23_2 },
      { source: 'seed 001 §二(三)', zh: '對嚴重失信社會主體,各級各有關部門要將其列為重點監管對象', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'R-KEY-ATTENTION-STRICT-SUPERVISION',
    content: {
      zh: '对存在失信行为但严重程度尚未达到失信联合惩戒对象认定标准的市场主体，可实施与其失信程度相对应的严格监管措施',
      en: 'For market entities with dishonest conduct not serious enough for the joint-punishment list, apply strict supervision proportionate to their degree of dishonesty',
    },
    type: 'REGULATORY',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: permissive wording ("可实施"), and the seed names no particular measure or law.',
    effect: 'SCRUTINY',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['KEY_ATTENTION'],
      subjectTypes: ORGANISATIONS,
      wording: '存在失信行为但严重程度尚未达到失信联合惩戒对象认定标准的市场主体（重点关注对象名单）',
    },
    matterTypes: ['*'],
    implementingBody: { zh: '相关行业主管部门', en: 'the competent industry departments' },
    legalBasis: basis(['seed 002 §四(一)'], BASIS_002, [LAW.HUANGSHI_RED_BLACK_LIST_SYSTEM]),
    sources: ['seed 002 §四(一)'],
    quotes: [
      {
        source: 'seed 002 §四(一)',
        zh: '支持有关部门根据监管需要建立重点关注对象名单制度，对存在失信行为但严重程度尚未达到失信联合惩戒对象认定标准的市场主体，可实施与其失信程度相对应的严格监管措施',
        implementingBody: '相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'R-RECTIFICATION-INTERVIEW',
    content: {
      zh: '整改不到位的，按照“谁认定、谁约谈”的原则，由认定部门依法依规启动提示约谈或警示约谈程序…约谈记录记入失信市场主体信用记录',
      en: 'Where rectification within the set period falls short, the identifying department, on the principle "who identifies, interviews", opens a reminder or warning interview (约谈) and records it in the entity’s credit record',
    },
    type: 'REGULATORY',
    class: 'MANDATORY',
    classBasis:
      'MANDATORY: binding wording ("应当…整改", "由认定部门依法依规启动") in a document implementing 国办发〔2019〕35号, which prescribes the 约谈 procedure; carried out by the identifying department alone, outside any matter.',
    effect: 'RECORD',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['ANY_ADVERSE'], subjectTypes: ORGANISATIONS, wording: '失信市场主体（整改不到位的）' },
    matterTypes: [],
    implementingBody: { zh: '认定部门（相关行业主管部门）', en: 'the identifying department (competent industry department)' },
    legalBasis: basis(['seed 002 §四(二)'], BASIS_002),
    sources: ['seed 002 §四(二)'],
    quotes: [
      {
        source: 'seed 002 §四(二)',
        zh: '失信市场主体应当在规定期限内认真整改，整改不到位的，按照“谁认定、谁约谈”的原则，由认定部门依法依规启动提示约谈或警示约谈程序，督促失信市场主体履行相关义务、消除不良影响。约谈记录记入失信市场主体信用记录',
        implementingBody: '认定部门',
      },
    ],
    defaultPeriodMonths: null,
    notes: 'The rectification period is not stated in the seed.',
  },
  {
    code: 'R-GRADE-CD-INCREASED-SAMPLING',
    content: {
      zh: '对违法失信、风险较高的市场主体，适当提高抽查比例和频次，依法依规实行严管和惩戒',
      en: 'For market entities that broke the law or their word and carry higher risk, raise the ratio and frequency of random inspections as appropriate and apply strict supervision and punishment according to law',
    },
    type: 'REGULATORY',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: "适当提高" (raise as appropriate) leaves degree and use to the department.',
    effect: 'SCRUTINY',
    channel: 'ADMINISTRATIVE',
    target: { lists: [], grades: ['C', 'D'], subjectTypes: ORGANISATIONS, wording: '违法失信、风险较高的市场主体' },
    matterTypes: ['INSPECTION'],
    implementingBody: {
      zh: '相关行业主管部门（牵头单位：市发改委、市市场监管局）',
      en: 'the competent industry departments (lead: municipal Development and Reform Commission, municipal Market Regulation Bureau)',
    },
    legalBasis: basis(['seed 002 §三(四)'], BASIS_002),
    sources: ['seed 002 §三(四)'],
    quotes: [
      {
        source: 'seed 002 §三(四)',
        zh: '对违法失信、风险较高的市场主体，适当提高抽查比例和频次，依法依规实行严管和惩戒',
        implementingBody: '牵头单位：市发改委、市市场监管局，责任单位：各县（市）区人民政府、相关行业主管部门',
      },
    ],
    defaultPeriodMonths: null,
    notes: 'The seed has one high-risk tier; RULES §3 splits it into C (higher) and D (much higher).',
  },

  // ——— Punishments ———
  {
    code: 'P-RESTRICT-FINANCING',
    content: { zh: '限制参与相关融资服务', en: 'Restrict participation in related financing services' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_000_ART7 + ' The seed does not say which financing services are "related"; of the Art. 7 items this rests on the vaguest basis.',
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信的行政相对人' },
    matterTypes: ['FINANCING'],
    implementingBody: { zh: BODY_000, en: 'the Department (Hunan DIIT), its divisions and affiliated units' },
    legalBasis: basis(['seed 000 Art. 7(一)'], BASIS_000),
    sources: ['seed 000 Art. 7(一)'],
    quotes: [{ source: 'seed 000 Art. 7(一)', zh: '限制参与相关融资服务', implementingBody: BODY_000 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-NO-FISCAL-FUNDS',
    content: { zh: '取消申请财政性资金项目资格', en: 'Cancel eligibility to apply for fiscally funded projects' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_000_ART7 + ' Seeds 001 ("限制") and 003 ("严格限制") order the same against serious dishonesty under 国发〔2016〕33号.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信的行政相对人 (000); 严重失信社会主体 (001); 严重失信主体 (003)' },
    matterTypes: ['FISCAL_FUNDS'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 7(二)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
      BASIS_000,
      BASIS_001,
      BASIS_003,
    ),
    sources: ['seed 000 Art. 7(二)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    quotes: [
      { source: 'seed 000 Art. 7(二)', zh: '取消申请财政性资金项目资格', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '限制申請財政性資金項目', implementingBody: BODY_001_S23 },
      { source: 'seed 003 §二(三)2', zh: '严格限制申请财政性资金项目', implementingBody: BODY_003_S23_2 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-NO-PUBLIC-RESOURCE-TRADING',
    content: {
      zh: '取消参与有关公共资源交易活动资格',
      en: 'Cancel eligibility to take part in the relevant public resource trading (tendering, government procurement and the like)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_000_ART7 + ' Seeds 001 and 003 order the same ("限制参与…公共资源交易活动") under 国发〔2016〕33号.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信的行政相对人 (000); 严重失信社会主体 (001); 严重失信主体 (003)' },
    matterTypes: PUBLIC_RESOURCE_TRADING,
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 7(三)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
      BASIS_000,
      BASIS_001,
      BASIS_003,
    ),
    sources: ['seed 000 Art. 7(三)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    quotes: [
      { source: 'seed 000 Art. 7(三)', zh: '取消参与有关公共资源交易活动资格', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '限制參與招標投標、政府采購等公共資源交易活動', implementingBody: BODY_001_S23 },
      { source: 'seed 003 §二(三)2', zh: '限制参与有关公共资源交易活动', implementingBody: BODY_003_S23_2 },
    ],
    defaultPeriodMonths: null,
    notes:
      'Public resource trading read as tendering, government procurement, land-use rights, mining rights, state-owned property rights and drug procurement (see the matter catalogue). Seed 000 says "取消…资格" (cancel), seeds 001/003 "限制" (restrict); recorded as a bar.',
  },
  {
    code: 'P-NO-FRANCHISE',
    content: {
      zh: '取消参与有关基础设施和公用事业特许经营活动资格',
      en: 'Cancel eligibility to take part in infrastructure and public-utility concessions (franchises)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_000_ART7 + ' Seeds 001 and 003 order the same ("限制参与基础设施和公用事业特许经营") under 国发〔2016〕33号.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信的行政相对人 (000); 严重失信社会主体 (001); 严重失信主体 (003)' },
    matterTypes: ['FRANCHISE_PPP'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 7(四)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
      BASIS_000,
      BASIS_001,
      BASIS_003,
    ),
    sources: ['seed 000 Art. 7(四)', 'seed 001 §二(三)', 'seed 003 §二(三)2'],
    quotes: [
      { source: 'seed 000 Art. 7(四)', zh: '取消参与有关基础设施和公用事业特许经营活动资格', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '限制參與基礎設施和公用事業特許經營', implementingBody: BODY_001_S23 },
      { source: 'seed 003 §二(三)2', zh: '限制参与基础设施和公用事业特许经营', implementingBody: BODY_003_S23_2 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-NO-AWARDS',
    content: {
      zh: '取消参加表彰奖励活动资格',
      en: 'Cancel eligibility to take part in awards and commendations (评先评优)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis:
      CLASS_000_ART7 +
      ' Seeds 001 ("限制评先评优") and 003 ("取消参加评先评优资格", also for the enterprise’s legal representative, principal, senior managers and responsible directors and shareholders) order the same under 国发〔2016〕33号.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      relatedPersons: true,
      wording:
        '严重失信的行政相对人 (000); 严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员 (003)',
    },
    matterTypes: ['AWARDS_COMMENDATIONS'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 000 Art. 7(五)', 'seed 001 §二(三)', 'seed 003 §二(三)2', 'seed 003 §二(三)5'],
      BASIS_000,
      BASIS_001,
      BASIS_003,
    ),
    sources: ['seed 000 Art. 7(五)', 'seed 001 §二(三)', 'seed 003 §二(三)2', 'seed 003 §二(三)5'],
    quotes: [
      { source: 'seed 000 Art. 7(五)', zh: '取消参加表彰奖励活动资格', implementingBody: BODY_000 },
      { source: 'seed 001 §二(三)', zh: '限制評先評優', implementingBody: BODY_001_S23 },
      {
        source: 'seed 003 §二(三)2',
        zh: '及时撤销严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员的荣誉称号，取消参加评先评优资格',
        implementingBody: BODY_003_S23_2,
      },
      {
        source: 'seed 003 §二(三)5',
        zh: '在对失信企事业单位进行联合惩戒的同时，依照法律法规和政策规定对相关责任人员采取相应的联合惩戒措施，使失信惩戒措施落实到人',
        implementingBody: BODY_003_S23_5,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-REVOKE-HONOURS',
    content: {
      zh: '及时撤销严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员的荣誉称号',
      en: 'Promptly revoke the honorary titles of seriously dishonest enterprises and of their legal representatives, principals, senior managers and the directors, shareholders and others directly responsible',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'REVOKE',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      relatedPersons: true,
      wording: '严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员',
    },
    matterTypes: [],
    implementingBody: { zh: '授予荣誉称号的有关部门', en: 'the departments that conferred the titles' },
    legalBasis: basis(['seed 003 §二(三)2', 'seed 003 §二(三)5'], BASIS_003),
    sources: ['seed 003 §二(三)2', 'seed 003 §二(三)5'],
    quotes: [
      {
        source: 'seed 003 §二(三)2',
        zh: '及时撤销严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员的荣誉称号',
        implementingBody: BODY_003_S23_2,
      },
      {
        source: 'seed 003 §二(三)5',
        zh: '在对失信企事业单位进行联合惩戒的同时，依照法律法规和政策规定对相关责任人员采取相应的联合惩戒措施，使失信惩戒措施落实到人',
        implementingBody: BODY_003_S23_5,
      },
    ],
    defaultPeriodMonths: null,
    notes: 'Acts on titles already granted, so it is triggered by the listing rather than by a check on a matter. The implementing body is inferred; the seed names only its 责任单位 list.',
  },
  {
    code: 'P-RESTRICT-LICENSING',
    content: {
      zh: '从严审核行政许可审批项目',
      en: 'Examine administrative licensing applications strictly (restrict administrative licensing)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: ['ADMIN_LICENSING'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)2', zh: '从严审核行政许可审批项目', implementingBody: BODY_003_S23_2 },
      { source: 'seed 001 §二(三)', zh: '限制行政許可', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
    notes: 'Seed 001’s "限制行政许可" is taken as the same measure as seed 003’s "从严审核行政许可审批项目" (both from 国发〔2016〕33号).',
  },
  {
    code: 'P-STRICT-PRODUCTION-LICENCE',
    content: { zh: '从严控制生产许可证发放', en: 'Strictly control the issue of production licences' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], subjectTypes: ORGANISATIONS, wording: '严重失信主体' },
    matterTypes: ['ADMIN_LICENSING'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2'], BASIS_003),
    sources: ['seed 003 §二(三)2'],
    quotes: [{ source: 'seed 003 §二(三)2', zh: '从严控制生产许可证发放', implementingBody: BODY_003_S23_2 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-PROJECT-APPROVAL',
    content: { zh: '限制新增项目审批、核准', en: 'Restrict examination and approval of new projects' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: ['PROJECT_APPROVAL'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)2', zh: '限制新增项目审批、核准', implementingBody: BODY_003_S23_2 },
      { source: 'seed 001 §二(三)', zh: '限制新增項目審批核準', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-SECURITIES',
    content: {
      zh: '限制股票发行上市融资或发行债券',
      en: 'Restrict issuing and listing shares to raise funds, or issuing bonds',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], subjectTypes: ORGANISATIONS, wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: ['SECURITIES_ISSUANCE'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)2', zh: '限制股票发行上市融资或发行债券', implementingBody: BODY_003_S23_2 },
      { source: 'seed 001 §二(三)', zh: '限制股票上市和發行債券', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-NEEQ-QUOTATION',
    content: {
      zh: '限制在全国股份转让系统挂牌、融资',
      en: 'Restrict quotation and fund-raising on the National Equities Exchange and Quotations (全国股份转让系统)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], subjectTypes: ORGANISATIONS, wording: '严重失信主体' },
    matterTypes: ['SECURITIES_ISSUANCE'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2'], BASIS_003),
    sources: ['seed 003 §二(三)2'],
    quotes: [{ source: 'seed 003 §二(三)2', zh: '限制在全国股份转让系统挂牌、融资', implementingBody: BODY_003_S23_2 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-FINANCIAL-INSTITUTIONS',
    content: {
      zh: '限制发起设立或参股金融机构以及小额贷款公司、融资担保公司、创业投资公司、互联网融资平台等机构',
      en: 'Restrict founding or holding shares in financial institutions and in micro-loan, financing-guarantee, venture-capital, internet-financing-platform and similar companies',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: ['FINANCIAL_INSTITUTION_APPROVAL'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      {
        source: 'seed 003 §二(三)2',
        zh: '限制发起设立或参股金融机构以及小额贷款公司、融资担保公司、创业投资公司、互联网融资平台等机构',
        implementingBody: BODY_003_S23_2,
      },
      {
        source: 'seed 001 §二(三)',
        zh: '限制發起設立或參股金融機構以及小額貸款公司、融資擔保公司、創業投資公司、互聯網融資平臺等機構',
        implementingBody: BODY_001_S23,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-INTERNET-INFO-SERVICES',
    content: { zh: '限制从事互联网信息服务', en: 'Restrict engaging in internet information services' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: ['INTERNET_SERVICES'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)2', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)2', zh: '限制从事互联网信息服务', implementingBody: BODY_003_S23_2 },
      { source: 'seed 001 §二(三)', zh: '限制從事互聯網信息服務', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-KEY-PROJECTS',
    content: { zh: '限制参与重点项目建设', en: 'Restrict participation in the construction of key projects' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis:
      CLASS_33_ADMIN +
      ' This item is in seed 003’s binding list, but it is not one of the restrictions seed 001 lists; whether 国发〔2016〕33号 itself contains it could not be checked here.',
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体' },
    matterTypes: ['PUBLIC_BIDDING_FISCAL', 'PROJECT_APPROVAL'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(['seed 003 §二(三)2'], BASIS_003),
    sources: ['seed 003 §二(三)2'],
    quotes: [{ source: 'seed 003 §二(三)2', zh: '限制参与重点项目建设', implementingBody: BODY_003_S23_2 }],
    defaultPeriodMonths: null,
    notes: 'No matter "重点项目建设" is listed in the seeds; mapped to tendering for construction projects and project approval.',
  },
  {
    code: 'P-MARKET-INDUSTRY-BAN',
    content: {
      zh: '对严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员等实施市场和行业禁入措施',
      en: 'Bar seriously dishonest enterprises, their legal representatives and principals and the registered practitioners directly responsible from the market and the trade',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis:
      CLASS_33_ADMIN +
      ' Seed 002 §四(五) is equally binding ("坚决依法依规…实施市场和行业禁入措施") under 国办发〔2019〕35号, and seed 001 §二(一)2 orders a trade ban in health care.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      relatedPersons: true,
      wording:
        '严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员 (003); 拒不履行司法裁判或行政处罚决定、屡犯不改、造成重大损失的市场主体及其相关责任人 (002); 有严重失信行为的企业和个人 (001, 卫生计生领域)',
    },
    matterTypes: ['MARKET_ACCESS', 'MARKET_REGISTRATION', 'ADMIN_LICENSING', 'QUALIFICATION_ASSESSMENT'],
    implementingBody: GENERIC_BODY,
    legalBasis: basis(
      ['seed 003 §二(三)2', 'seed 002 §四(五)', 'seed 001 §二(一)2', 'seed 003 §二(三)5'],
      BASIS_003,
      BASIS_002,
      BASIS_001,
    ),
    sources: ['seed 003 §二(三)2', 'seed 002 §四(五)', 'seed 001 §二(一)2', 'seed 003 §二(三)5'],
    quotes: [
      {
        source: 'seed 003 §二(三)2',
        zh: '对严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员等实施市场和行业禁入措施',
        implementingBody: BODY_003_S23_2,
      },
      {
        source: 'seed 002 §四(五)',
        zh: '对拒不履行司法裁判或行政处罚决定、屡犯不改、造成重大损失的市场主体及其相关责任人,坚决依法依规在一定期限内实施市场和行业禁入措施,直至永远逐出市场',
        implementingBody: '市市场监管局、市生态环境局、市住建局、市应急管理局、市民政局、市自然资源和规划局、市城执委等有关部门',
      },
      { source: 'seed 001 §二(一)2', zh: '對有嚴重失信行為的企業和個人實行行業禁入限制', implementingBody: '省衛生計生委' },
      {
        source: 'seed 003 §二(三)5',
        zh: '在对失信企事业单位进行联合惩戒的同时，依照法律法规和政策规定对相关责任人员采取相应的联合惩戒措施，使失信惩戒措施落实到人',
        implementingBody: BODY_003_S23_5,
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 002 gives the period only as "在一定期限内…直至永远逐出市场" (for a period, up to permanent exclusion): no default. Seed 002 focuses it on food and drugs, ecology, construction quality, work safety, elderly and child care and urban safety.',
  },
  {
    code: 'P-RESTRICT-MARKET-ACCESS',
    content: { zh: '限制市场准入', en: 'Restrict market access' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信社会主体' },
    matterTypes: ['MARKET_ACCESS', 'MARKET_REGISTRATION'],
    implementingBody: { zh: '各级人民政府，各有关部门', en: 'people’s governments at all levels and the relevant departments' },
    legalBasis: basis(['seed 001 §二(三)'], BASIS_001),
    sources: ['seed 001 §二(三)'],
    quotes: [{ source: 'seed 001 §二(三)', zh: '限制市場準入', implementingBody: BODY_001_S23 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-OFFICER-ROLES',
    content: {
      zh: '限制担任法定代表人和董事、监事、高级管理人员',
      en: 'Restrict serving as legal representative, director, supervisor or senior manager',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN,
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      relatedPersons: true,
      subjectTypes: PERSONS,
      wording: '严重失信社会主体（自然人；严重失信单位的相关责任人员）',
    },
    matterTypes: ['MARKET_REGISTRATION'],
    implementingBody: { zh: '各级人民政府，各有关部门', en: 'people’s governments at all levels and the relevant departments' },
    legalBasis: basis(['seed 001 §二(三)'], BASIS_001),
    sources: ['seed 001 §二(三)'],
    quotes: [{ source: 'seed 001 §二(三)', zh: '限制擔任法定代表人和董事、監事、高級管理人員', implementingBody: BODY_001_S23 }],
    defaultPeriodMonths: null,
    notes: 'A measure on natural persons; the seed does not say whether it reaches the responsible persons of a listed organisation — recorded as related-person measure on the strength of seed 003 §二(三)5.',
  },
  {
    code: 'P-REASSESS-QUALIFICATION',
    content: { zh: '依法重新评定或撤销相关资质', en: 'Reassess or revoke the relevant qualifications according to law' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN + ' Worded "依法" (according to law): applied where the qualification rules provide for it.',
    effect: 'REVOKE',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信社会主体' },
    matterTypes: ['QUALIFICATION_ASSESSMENT', 'PERIODIC_REVIEW'],
    implementingBody: { zh: '各级人民政府，各有关部门', en: 'people’s governments at all levels and the relevant departments' },
    legalBasis: basis(['seed 001 §二(三)'], BASIS_001),
    sources: ['seed 001 §二(三)'],
    quotes: [{ source: 'seed 001 §二(三)', zh: '依法重新評定或撤銷相關資質', implementingBody: BODY_001_S23 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-NO-EXEMPTIONS',
    content: {
      zh: '不将该主体列入各类免检、免审范围',
      en: 'Do not include the subject in any inspection-exempt or review-exempt scheme',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_33_ADMIN + ' It only withholds a benefit, but seed 001 words it as an order, not an option.',
    effect: 'RESTRICT',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信社会主体' },
    matterTypes: ['INSPECTION', 'ADMIN_LICENSING', 'PERIODIC_REVIEW'],
    implementingBody: { zh: '各级人民政府，各有关部门', en: 'people’s governments at all levels and the relevant departments' },
    legalBasis: basis(['seed 001 §二(三)'], BASIS_001),
    sources: ['seed 001 §二(三)'],
    quotes: [{ source: 'seed 001 §二(三)', zh: '不將該主體列入各類免檢、免審范圍', implementingBody: BODY_001_S23 }],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-VETO-BLACKLISTED',
    content: {
      zh: '被列入联合惩戒合作备忘录“黑名单”的，应不予受理，一票否决',
      en: 'A subject on the "blacklist" of a joint-punishment memorandum of cooperation is not to be accepted: a one-vote veto',
    },
    type: 'PUNISHMENT',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED although worded "应": a city normative document that extends refusal to every matter it lists without naming a law for it, whereas a punishment that takes a right away must rest on law or a State Council rule (国办发〔2020〕49号). RULES §3 reads the veto as the verdict for a matter that a MANDATORY punishment covers (e.g. P-NO-PUBLIC-RESOURCE-TRADING on tendering); on its own this record flags the subject for review and lets the department refuse.',
    effect: 'BAR',
    channel: 'ADMINISTRATIVE',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '被列入联合惩戒合作备忘录“黑名单”的（市场主体和自然人）' },
    matterTypes: SEED_002_CHECKED_MATTERS.filter((m) => m !== 'INSPECTION'),
    implementingBody: {
      zh: '各级各部门（牵头单位：市发改委）',
      en: 'all departments at every level (lead: the municipal Development and Reform Commission)',
    },
    legalBasis: basis(['seed 002 §二(一)'], BASIS_002, [LAW.HUANGSHI_INTERIM_MEASURES]),
    sources: ['seed 002 §二(一)'],
    quotes: [
      {
        source: 'seed 002 §二(一)',
        zh: '被列入联合惩戒合作备忘录“黑名单”的，应不予受理，一票否决',
        implementingBody: '牵头单位：市发改委，责任单位：各县（市）区人民政府、市信用体系建设成员单位',
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Scope: the matters seed 002 §二(一) lists, less 行政执法监管 (enforcement is not applied for, so there is nothing to refuse). Includes 注销 (deregistration) as the seed does.',
  },
  {
    code: 'P-PUBLIC-DISCLOSURE',
    content: {
      zh: '加强严重失信主体的信用信息披露，将企业经营异常名录、失信黑名单等信息及时在“信用安化”网站等媒体进行公示',
      en: 'Disclose the credit information of seriously dishonest subjects: publish the list of abnormal business operations, the dishonesty blacklist and similar information promptly on credit websites and other media (and at the quarterly red/black-list press conferences)',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis:
      'MANDATORY: binding in seed 003 ("各有关单位要加强…披露…及时…公示") under 国发〔2016〕33号, and publication of the black list is a fixed duty in seed 002 §四(三) (quarterly) and seed 003 §二(四)3; publication must still follow the disclosure rules (persons masked, periods).',
    effect: 'PUBLICITY',
    channel: 'SOCIAL',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      wording: '严重失信主体 (003); 失信典型 (002); 失信社会主体 (001: "推动失信行为公示公开")',
    },
    matterTypes: [],
    implementingBody: { zh: '各有关单位（信用门户网站）', en: 'the relevant units (through the credit portals)' },
    legalBasis: basis(
      ['seed 003 §二(三)3', 'seed 002 §四(三)', 'seed 001 §二(三)'],
      BASIS_003,
      BASIS_002,
      [LAW.HUANGSHI_RED_BLACK_LIST_SYSTEM],
      BASIS_001,
    ),
    sources: ['seed 003 §二(三)3', 'seed 002 §四(三)', 'seed 001 §二(三)'],
    quotes: [
      {
        source: 'seed 003 §二(三)3',
        zh: '加强严重失信主体的信用信息披露，将企业经营异常名录、失信黑名单等信息及时在“信用安化”网站等媒体进行公示',
        implementingBody: BODY_003_S23_3,
      },
      {
        source: 'seed 002 §四(三)',
        zh: '坚持每季度组织一期“红黑名单”新闻发布会，形成强大的舆论导向，持续正向激励守信典型，鞭策失信典型',
        implementingBody: '牵头单位：市文明办、市发改委，责任单位：相关行业主管部门',
      },
      { source: 'seed 001 §二(三)', zh: '推動失信行為公示公開', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 001 asks for publicity of dishonest conduct in general (any adverse record); that is the ordinary publicity of records (双公示, RULES §2) and is not repeated as a list-based target here.',
  },
  {
    code: 'P-RESTRICT-EXIT',
    content: {
      zh: '对有履行能力但拒不履行的严重失信主体实施限制出境',
      en: 'Restrict leaving the country, for seriously dishonest subjects able but refusing to perform their obligations',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_CONSUMPTION,
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: {
      lists: ['SERIOUS_DISHONESTY'],
      wording: '有履行能力但拒不履行（法定义务）的严重失信主体',
    },
    matterTypes: [],
    implementingBody: { zh: '人民法院等有关单位', en: 'the people’s courts and other relevant units' },
    legalBasis: basis(['seed 003 §二(三)3', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)3', 'seed 001 §二(三)'],
    quotes: [
      {
        source: 'seed 003 §二(三)3',
        zh: '对有履行能力但拒不履行的严重失信主体实施限制出境',
        implementingBody: BODY_003_S23_3,
      },
      {
        source: 'seed 001 §二(三)',
        zh: '對有履行能力但拒不履行法定義務的嚴重失信主體限制出境',
        implementingBody: BODY_001_S23,
      },
    ],
    defaultPeriodMonths: null,
    notes:
      'Seed 003 groups it with the market-based constraints (市场性约束), seed 001 with the administrative ones; channel follows seed 003. Only for subjects refusing to perform an obligation they can perform (typically 失信被执行人).',
  },
  {
    code: 'P-RESTRICT-REAL-ESTATE',
    content: { zh: '限制购买不动产', en: 'Restrict purchases of real estate' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_CONSUMPTION,
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '有履行能力但拒不履行（法定义务）的严重失信主体' },
    matterTypes: [],
    implementingBody: { zh: '人民法院等有关单位', en: 'the people’s courts and other relevant units' },
    legalBasis: basis(['seed 001 §二(三)', 'seed 003 §二(三)3'], BASIS_001, BASIS_003),
    sources: ['seed 001 §二(三)', 'seed 003 §二(三)3'],
    quotes: [
      { source: 'seed 001 §二(三)', zh: '限制購買不動產', implementingBody: BODY_001_S23 },
      { source: 'seed 003 §二(三)3', zh: '限制购买不动产', implementingBody: BODY_003_S23_3 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-FLIGHTS-TRAINS',
    content: {
      zh: '限制乘坐飞机、乘坐高等级列车和席次',
      en: 'Restrict travel by air and by high-grade trains and seat classes',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_CONSUMPTION,
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '有履行能力但拒不履行（法定义务）的严重失信主体' },
    matterTypes: [],
    implementingBody: { zh: '人民法院等有关单位', en: 'the people’s courts and other relevant units' },
    legalBasis: basis(['seed 003 §二(三)3', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)3', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)3', zh: '乘坐飞机、乘坐高等级列车和席次', implementingBody: BODY_003_S23_3 },
      { source: 'seed 001 §二(三)', zh: '限制乘坐飛機和高等級列車', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-LEISURE-TRAVEL',
    content: { zh: '限制旅游度假', en: 'Restrict holiday and leisure travel' },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_CONSUMPTION,
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '有履行能力但拒不履行（法定义务）的严重失信主体' },
    matterTypes: [],
    implementingBody: { zh: '人民法院等有关单位', en: 'the people’s courts and other relevant units' },
    legalBasis: basis(['seed 001 §二(三)', 'seed 003 §二(三)3'], BASIS_001, BASIS_003),
    sources: ['seed 001 §二(三)', 'seed 003 §二(三)3'],
    quotes: [
      { source: 'seed 001 §二(三)', zh: '限制旅游度假', implementingBody: BODY_001_S23 },
      { source: 'seed 003 §二(三)3', zh: '旅游度假', implementingBody: BODY_003_S23_3 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-RESTRICT-HIGH-CONSUMPTION',
    content: {
      zh: '限制入住星级以上宾馆及其他高消费行为',
      en: 'Restrict staying in star-rated hotels and other high consumption',
    },
    type: 'PUNISHMENT',
    class: 'MANDATORY',
    classBasis: CLASS_CONSUMPTION,
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '有履行能力但拒不履行（法定义务）的严重失信主体' },
    matterTypes: [],
    implementingBody: { zh: '人民法院等有关单位', en: 'the people’s courts and other relevant units' },
    legalBasis: basis(['seed 003 §二(三)3', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)3', 'seed 001 §二(三)'],
    quotes: [
      { source: 'seed 003 §二(三)3', zh: '入住星级以上宾馆及其他高消费行为', implementingBody: BODY_003_S23_3 },
      { source: 'seed 001 §二(三)', zh: '限制入住星級以上賓館等', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-FINANCIAL-RISK-PRICING',
    content: {
      zh: '引导商业银行、证券期货经营机构、保险公司等金融机构按照风险定价原则，对严重失信主体提高贷款利率和财产保险费率，或者限制向其提供贷款、保荐、承销、保险等服务',
      en: 'Guide commercial banks, securities and futures firms, insurers and other financial institutions to price risk: raise loan interest and property-insurance premiums for seriously dishonest subjects, or restrict loans, sponsorship, underwriting, insurance and similar services to them (restrict bank credit)',
    },
    type: 'PUNISHMENT',
    class: 'RECOMMENDED',
    classBasis:
      'RECOMMENDED: seed 003 only "引导" (guides) financial institutions, which decide by their own risk pricing; seed 001 lists "限制银行信贷" among the administrative measures, but no law the seeds name compels a bank to refuse credit.',
    effect: 'RESTRICT',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信主体 (003); 严重失信社会主体 (001)' },
    matterTypes: [],
    implementingBody: {
      zh: '商业银行、证券期货经营机构、保险公司等金融机构',
      en: 'commercial banks, securities and futures firms, insurers and other financial institutions',
    },
    legalBasis: basis(['seed 003 §二(三)3', 'seed 001 §二(三)'], BASIS_003, BASIS_001),
    sources: ['seed 003 §二(三)3', 'seed 001 §二(三)'],
    quotes: [
      {
        source: 'seed 003 §二(三)3',
        zh: '引导商业银行、证券期货经营机构、保险公司等金融机构按照风险定价原则，对严重失信主体提高贷款利率和财产保险费率，或者限制向其提供贷款、保荐、承销、保险等服务',
        implementingBody: BODY_003_S23_3,
      },
      { source: 'seed 001 §二(三)', zh: '限制銀行信貸', implementingBody: BODY_001_S23 },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-CREDIT-BUREAU-RECORDING',
    content: {
      zh: '支持征信机构采集严重失信行为信息，纳入相应主体的信用记录和信用报告',
      en: 'Support credit bureaus in collecting information on serious dishonesty and entering it in the subjects’ credit records and credit reports',
    },
    type: 'PUNISHMENT',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: "支持" (support); carried out by credit bureaus under their own rules.',
    effect: 'RECORD',
    channel: 'MARKET',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '严重失信行为的相应主体' },
    matterTypes: [],
    implementingBody: { zh: '征信机构', en: 'credit bureaus' },
    legalBasis: basis(['seed 003 §二(三)3'], BASIS_003),
    sources: ['seed 003 §二(三)3'],
    quotes: [
      {
        source: 'seed 003 §二(三)3',
        zh: '支持征信机构采集严重失信行为信息，纳入相应主体的信用记录和信用报告',
        implementingBody: BODY_003_S23_3,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-INDUSTRY-MEMBER-RECORD',
    content: {
      zh: '引导行业协会商会完善行业内部信用信息采集、共享机制，将严重失信行为记入会员信用档案',
      en: 'Guide trade associations and chambers of commerce to record serious dishonesty in their members’ credit files',
    },
    type: 'PUNISHMENT',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: "引导" (guide); carried out by trade associations.',
    effect: 'RECORD',
    channel: 'INDUSTRY',
    target: { lists: ['SERIOUS_DISHONESTY'], wording: '有严重失信行为的会员' },
    matterTypes: [],
    implementingBody: { zh: '行业协会商会', en: 'trade associations and chambers of commerce' },
    legalBasis: basis(['seed 003 §二(三)4'], BASIS_003),
    sources: ['seed 003 §二(三)4'],
    quotes: [
      {
        source: 'seed 003 §二(三)4',
        zh: '引导行业协会商会完善行业内部信用信息采集、共享机制，将严重失信行为记入会员信用档案',
        implementingBody: BODY_003_S23_4,
      },
    ],
    defaultPeriodMonths: null,
  },
  {
    code: 'P-INDUSTRY-SANCTIONS',
    content: {
      zh: '支持行业协会商会按照行业标准、行规、行约等，视情节轻重对失信会员实行警告、行业内通报批评、强制退会等惩戒措施',
      en: 'Support trade associations and chambers of commerce in disciplining dishonest members, according to the gravity of the case, by warning, criticism circulated within the trade, compulsory expulsion and the like, under their standards, rules and conventions',
    },
    type: 'PUNISHMENT',
    class: 'RECOMMENDED',
    classBasis: 'RECOMMENDED: "支持…视情节轻重" (support, as the case warrants); carried out by trade associations under their own rules.',
    effect: 'RESTRICT',
    channel: 'INDUSTRY',
    target: { lists: ['ANY_ADVERSE'], wording: '失信会员' },
    matterTypes: [],
    implementingBody: { zh: '行业协会商会', en: 'trade associations and chambers of commerce' },
    legalBasis: basis(['seed 003 §二(三)4'], BASIS_003),
    sources: ['seed 003 §二(三)4'],
    quotes: [
      {
        source: 'seed 003 §二(三)4',
        zh: '支持行业协会商会按照行业标准、行规、行约等，视情节轻重对失信会员实行警告、行业内通报批评、强制退会等惩戒措施',
        implementingBody: BODY_003_S23_4,
      },
    ],
    defaultPeriodMonths: null,
    notes: '"失信会员" is not limited to serious dishonesty in the seed; the association weighs the gravity.',
  },
];

/**
 * Clauses of the sections the measures list draws on (seed 000 Art. 5–7, seed 001 §二(三), seed 002 §二(一),
 * §三(四), §四, seed 003 §二(二)–(三), seed 004 §五) that contain no measure of their own.
 */
export const SEED_CLAUSES_WITHOUT_MEASURE: readonly ClauseWithoutMeasure[] = [
  {
    source: 'seed 000 Art. 5(五)',
    reason: 'Catch-all ("法律、法规和国家规定的其他激励措施"): names no measure; such measures enter through a later edition of the list.',
  },
  {
    source: 'seed 000 Art. 6(四)',
    reason: 'Catch-all ("法律、法规和国家规定的其他监管措施"): names no measure.',
  },
  {
    source: 'seed 000 Art. 7(六)',
    reason: 'Catch-all ("法律、行政法规和国家规定的其他惩戒措施"): names no measure.',
  },
  {
    source: 'seed 002 §四(四)',
    reason: 'The "红黑名单一键奖惩" mechanism (lists initiate, measures respond, cases fed back automatically): platform behaviour, RULES §3.',
  },
  {
    source: 'seed 002 §四(六)',
    reason: 'Credit repair and its reminder letter: ends measures rather than being one (RULES §6).',
  },
  {
    source: 'seed 003 §二(三)1',
    reason: 'Defines the four areas of serious dishonesty that lead to joint punishment: list criteria (RULES §4), not a measure.',
  },
  {
    source: 'seed 004 §五(十)',
    reason: 'Asks departments to link rewards and punishments across departments: a mechanism, not a measure.',
  },
];

const BY_CODE: ReadonlyMap<string, JointMeasure> = new Map(JOINT_MEASURES.map((m) => [m.code, m]));

export function getJointMeasure(code: string): JointMeasure | undefined {
  return BY_CODE.get(code);
}

/** The measures that apply to a matter: those naming it and those applying to every matter (`*`). */
export function measuresForMatter(
  matterType: MatterTypeCode,
  measures: readonly JointMeasure[] = JOINT_MEASURES,
): readonly JointMeasure[] {
  return measures.filter((m) => m.matterTypes.includes(ALL_MATTERS) || m.matterTypes.includes(matterType));
}
