/**
 * The five policy documents ("seeds") the reference data cites, and the citation format used for them.
 *
 * Citations are plain strings so they can be stored, exported to CSV and compared as they are:
 * - seed 000 is organised in articles: `seed 000 Art. 7` or, for an item of an article, `seed 000 Art. 7(二)`;
 * - seeds 001–004 are organised in numbered sections: `seed 004 §五(十一)`, `seed 004 §三(五)3`,
 *   `seed 003 §二(三)2`, `seed 001 §二(三)`.
 * Parentheses in citations are ASCII even where the seed prints full-width ones.
 */

/** Seed document ids, as their file names in `shared/seeds/` begin. */
export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export type SeedId = (typeof SEED_IDS)[number];

/** A citation of a seed article, section or item, e.g. `seed 000 Art. 5(一)` or `seed 004 §三(五)3`. */
export type SeedCitation = string;

export interface SeedDocument {
  readonly id: SeedId;
  /** Title as the seed prints it (seed 001 is printed in traditional characters; the title is simplified here). */
  readonly title: string;
  readonly issuer: { readonly zh: string; readonly en: string };
  /** 文号 of the document. */
  readonly documentNumber: string;
  /** Date of issue as printed; `null` for the undated 2023 draft. */
  readonly issuedOn: string | null;
  readonly year: number;
  /** GB/T 2260 code of the jurisdiction the document governs. */
  readonly jurisdiction: string;
  readonly jurisdictionName: { readonly zh: string; readonly en: string };
  /** `DRAFT` for a 征求意见稿, which binds no one until adopted. */
  readonly status: 'IN_FORCE' | 'DRAFT';
  /** How the seed is structured, which decides the citation form. */
  readonly citationStyle: 'ARTICLE' | 'SECTION';
  /** Laws and rules the document names as its own basis (quoted as the seed names them, simplified). */
  readonly namedBasis: readonly string[];
}

/** Instruments the seeds name, quoted as the seeds name them (in simplified characters). */
export const NAMED_INSTRUMENTS = {
  GUOBANFA_2019_35:
    '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）',
  GUOBANFA_2020_49:
    '《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）',
  HUNAN_GOV_ORDER_303: '《湖南省社会信用信息管理办法》（湖南省人民政府令第303号）',
  XIANGZHENGBANFA_2021_54:
    '《湖南省人民政府办公厅关于进一步完善失信约束制度构建诚信建设长效机制的实施方案》（湘政办发〔2021〕54号）',
  GUOFA_2016_33:
    '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
  HUNAN_CREDIT_REGULATION: '《湖南社会信用条例》',
  GUOFA_2014_21: '《国务院关于印发社会信用体系建设规划纲要（2014-2020年）的通知》（国发〔2014〕21号）',
  YUZHENGBAN_2020_7:
    '《河南省人民政府办公厅关于印发加快推进社会信用体系建设构建以信用为基础的新型监管机制实施方案的通知》（豫政办〔2020〕7号）',
  HUANGSHI_INTERIM_MEASURES: '《黄石市在行政管理中使用信用信息的暂行办法》',
  HUANGSHI_RED_BLACK_LIST_SYSTEM: '黄石市信用红黑名单管理及联合奖惩制度',
  FAGAIBAN_CAIJIN_2019_527:
    '《国家发展改革委办公厅关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知》（发改办财金〔2019〕527号）',
} as const;

export const SEED_DOCUMENTS: Readonly<Record<SeedId, SeedDocument>> = {
  '000': {
    id: '000',
    title: '湖南省工业和信息化厅在行政管理事项中实行以信用为基础的监管机制的暂行办法',
    issuer: { zh: '湖南省工业和信息化厅', en: 'Hunan Provincial Department of Industry and Information Technology' },
    documentNumber: '湘工信法规〔2021〕464号',
    issuedOn: '2021-11-22',
    year: 2021,
    jurisdiction: '430000',
    jurisdictionName: { zh: '湖南省', en: 'Hunan Province' },
    status: 'IN_FORCE',
    citationStyle: 'ARTICLE',
    namedBasis: [
      NAMED_INSTRUMENTS.GUOBANFA_2019_35,
      NAMED_INSTRUMENTS.GUOBANFA_2020_49,
      NAMED_INSTRUMENTS.HUNAN_GOV_ORDER_303,
      NAMED_INSTRUMENTS.XIANGZHENGBANFA_2021_54,
    ],
  },
  '001': {
    id: '001',
    title: '湖南省在行政管理事项中使用信用记录和信用报告等信用产品的实施方案',
    issuer: { zh: '湖南省人民政府办公厅', en: 'General Office of the Hunan Provincial People’s Government' },
    documentNumber: '湘政办发〔2016〕83号',
    issuedOn: '2016-11-08',
    year: 2016,
    jurisdiction: '430000',
    jurisdictionName: { zh: '湖南省', en: 'Hunan Province' },
    status: 'IN_FORCE',
    citationStyle: 'SECTION',
    namedBasis: [NAMED_INSTRUMENTS.GUOFA_2016_33],
  },
  '002': {
    id: '002',
    title: '关于加快构建以信用为基础的新型监管机制的实施方案',
    issuer: {
      zh: '黄石市社会信用体系建设领导小组',
      en: 'Huangshi Municipal Leading Group for Social Credit System Construction',
    },
    documentNumber: '黄信用〔2019〕3号',
    issuedOn: '2019-11-05',
    year: 2019,
    jurisdiction: '420200',
    jurisdictionName: { zh: '湖北省黄石市', en: 'Huangshi City, Hubei Province' },
    status: 'IN_FORCE',
    citationStyle: 'SECTION',
    namedBasis: [
      NAMED_INSTRUMENTS.GUOBANFA_2019_35,
      NAMED_INSTRUMENTS.HUANGSHI_INTERIM_MEASURES,
      NAMED_INSTRUMENTS.HUANGSHI_RED_BLACK_LIST_SYSTEM,
      NAMED_INSTRUMENTS.FAGAIBAN_CAIJIN_2019_527,
    ],
  },
  '003': {
    id: '003',
    title: '安化县人民政府关于完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的实施意见（征求意见稿）',
    issuer: { zh: '安化县人民政府', en: 'Anhua County People’s Government' },
    documentNumber: '（征求意见稿，无文号）',
    issuedOn: null,
    year: 2023,
    jurisdiction: '430923',
    jurisdictionName: { zh: '湖南省益阳市安化县', en: 'Anhua County, Yiyang, Hunan Province' },
    status: 'DRAFT',
    citationStyle: 'SECTION',
    namedBasis: [
      NAMED_INSTRUMENTS.GUOFA_2016_33,
      NAMED_INSTRUMENTS.HUNAN_CREDIT_REGULATION,
      NAMED_INSTRUMENTS.XIANGZHENGBANFA_2021_54,
    ],
  },
  '004': {
    id: '004',
    title: '关于在行政管理事项中使用信用记录和信用报告的实施意见',
    issuer: {
      zh: '郏县社会信用体系建设领导小组办公室（郏县水利局转发）',
      en: 'Office of the Jia County Leading Group for Social Credit System Construction (forwarded by the Jia County Water Resources Bureau)',
    },
    documentNumber: '郏信用办〔2021〕2号',
    issuedOn: null,
    year: 2021,
    jurisdiction: '410425',
    jurisdictionName: { zh: '河南省平顶山市郏县', en: 'Jia County, Pingdingshan, Henan Province' },
    status: 'IN_FORCE',
    citationStyle: 'SECTION',
    namedBasis: [NAMED_INSTRUMENTS.GUOFA_2014_21, NAMED_INSTRUMENTS.YUZHENGBAN_2020_7],
  },
};

const CN_NUMERAL = '[一二三四五六七八九十]+';
const ARTICLE_CITATION = new RegExp(`^seed 000 Art\\. (\\d{1,2})(\\(${CN_NUMERAL}\\))?$`);
const SECTION_CITATION = new RegExp(`^seed 00[1-4] §${CN_NUMERAL}(\\(${CN_NUMERAL}\\)(\\d{1,2})?)?$`);
/** Seed 000 has Art. 1–13. */
const SEED_000_ARTICLES = 13;

/** True when `citation` has the required form and names an article seed 000 actually has. */
export function isSeedCitation(citation: string): citation is SeedCitation {
  const article = ARTICLE_CITATION.exec(citation);
  if (article) {
    const n = Number(article[1]);
    return n >= 1 && n <= SEED_000_ARTICLES;
  }
  return SECTION_CITATION.test(citation);
}

/** The seed a well-formed citation points to. */
export function seedOfCitation(citation: SeedCitation): SeedId {
  const id = citation.slice('seed '.length, 'seed '.length + 3);
  if (!(SEED_IDS as readonly string[]).includes(id)) throw new Error(`not a seed citation: ${citation}`);
  return id as SeedId;
}

/**
 * True when `citation` is `section` or lies inside it: `seed 004 §三(五)3` is within `seed 004 §三(五)` and
 * `seed 004 §三`, `seed 000 Art. 5(一)` within `seed 000 Art. 5`, but `seed 000 Art. 1` is not within
 * `seed 000 Art. 10`, nor `seed 004 §三(五)1` within `seed 004 §三(五)16`.
 */
export function isCitationWithin(citation: SeedCitation, section: SeedCitation): boolean {
  if (citation === section) return true;
  if (!citation.startsWith(section)) return false;
  const next = citation.charAt(section.length);
  // A section is continued by an item in parentheses, or (after a parenthesised part) by an item number.
  return next === '(' || (section.endsWith(')') && /\d/.test(next));
}
