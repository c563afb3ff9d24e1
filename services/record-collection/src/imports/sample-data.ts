// Deterministic generator of province-scale credit records (Hunan-like) for tools/bench/import-records.ts
// and the import tests (the service itself never uses it): valid USCCs and resident ID numbers, Chinese names, a realistic mix of 双公示 penalties and licences across departments and
// severities. Record n is a pure function of (seed, n), so a benchmark can stream the same rows twice
// (the import and the COPY baseline) without holding them in memory.
import { addYears, composeUscc, computeIdCheckChar } from '@credit/domain';

const USCC_LETTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Prefecture-level regions of Hunan with one county each (adcodes). */
const REGIONS = ['430102', '430111', '430202', '430302', '430402', '430502', '430602', '430702', '430802', '430902', '431002', '431102', '431202', '431302', '433101'];
const CITY = ['长沙', '长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const WORDS = ['华', '湘', '兴', '盛', '达', '鑫', '源', '创', '联', '信', '恒', '泰', '宏', '远', '锦', '瑞', '博', '凯', '丰', '新', '安', '正', '通', '德'];
const TRADES = ['建设工程', '商贸', '食品', '餐饮管理', '医药', '物流', '科技', '环保科技', '房地产开发', '农业开发', '机械制造', '电子商务', '劳务', '装饰工程', '化工'];
const FORMS = ['有限公司', '有限责任公司', '股份有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '谭', '彭', '曾', '唐'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强'];
/** Departments with the laws they enforce (penalty basis) and their document prefix. */
const DEPARTMENTS = [
  { id: 'SCJGJ', name: '市场监督管理局', prefix: '市监罚', basis: '《中华人民共和国食品安全法》第一百二十四条' },
  { id: 'STHJJ', name: '生态环境局', prefix: '环罚', basis: '《中华人民共和国大气污染防治法》第九十九条' },
  { id: 'SWJ', name: '税务局', prefix: '税罚', basis: '《中华人民共和国税收征收管理法》第六十四条' },
  { id: 'YJGLJ', name: '应急管理局', prefix: '应急罚', basis: '《中华人民共和国安全生产法》第九十九条' },
  { id: 'ZJJ', name: '住房和城乡建设局', prefix: '建罚', basis: '《建设工程质量管理条例》第六十四条' },
  { id: 'RSJ', name: '人力资源和社会保障局', prefix: '人社罚', basis: '《劳动保障监察条例》第二十六条' },
];
const LICENCES = ['食品经营许可', '排污许可', '建筑施工许可', '药品经营许可', '道路运输经营许可', '危险化学品经营许可'];

/** mulberry32: a small fast deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

export interface GeneratedRecord {
  /** The department that submits it (the import batch's provider). */
  department: string;
  catalogueItemCode: 'ADMIN_PENALTY' | 'ADMIN_LICENSING';
  subject: { type: 'LEGAL_PERSON' | 'NATURAL_PERSON'; name: string; uscc?: string; idNumber?: string };
  decisionNumber: string;
  decisionDate: string;
  severity?: 'MINOR' | 'GENERAL' | 'SERIOUS';
  fields: Record<string, unknown>;
}

export interface GeneratorOptions {
  seed?: number;
  /** Distinct enterprises (records per enterprise ≈ records / enterprises). */
  enterprises?: number;
  /** Every record comes from this department (an import batch has one provider); default: by record. */
  department?: string;
  /** Decision dates are spread over the 730 days before this date (YYYY-MM-DD). */
  until?: string;
}

function usccOf(n: number, region: string): string {
  let base = '';
  for (let i = 0, v = n; i < 8; i += 1, v = Math.floor(v / 31)) base = USCC_LETTERS[v % 31] + base;
  return composeUscc(`91${region}`, base);
}

function idNumberOf(r: () => number, region: string): string {
  const year = 1960 + Math.floor(r() * 45);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const seq = String(Math.floor(r() * 1000)).padStart(3, '0');
  const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
  return first17 + computeIdCheckChar(first17);
}

const DAY = 86_400_000;

/** Record number `n` (from 0) of the data set. */
export function generateRecord(n: number, options: GeneratorOptions = {}): GeneratedRecord {
  const r = rng((options.seed ?? 20261123) ^ Math.imul(n + 1, 0x9e3779b1));
  const enterprises = options.enterprises ?? 200_000;
  const regionIndex = Math.floor(r() * REGIONS.length);
  const region = REGIONS[regionIndex];
  const dept = options.department ? { ...pick(r, DEPARTMENTS), id: options.department } : pick(r, DEPARTMENTS);
  const until = Date.parse(`${options.until ?? '2026-11-20'}T00:00:00Z`);
  const decisionDate = new Date(until - Math.floor(r() * 730) * DAY).toISOString().slice(0, 10);
  const year = decisionDate.slice(0, 4);
  const personal = r() < 0.12; // 个体 / natural persons
  const e = Math.floor(r() * enterprises);
  const rEnterprise = rng(e + 7);
  const company = `${CITY[regionIndex]}市${pick(rEnterprise, WORDS)}${pick(rEnterprise, WORDS)}${pick(rEnterprise, TRADES)}${pick(rEnterprise, FORMS)}`;
  const subject = personal
    ? { type: 'NATURAL_PERSON' as const, name: `${pick(r, SURNAMES)}${pick(r, GIVEN)}`, idNumber: idNumberOf(r, region) }
    : { type: 'LEGAL_PERSON' as const, name: company, uscc: usccOf(e, region) };
  const authority = `${CITY[regionIndex]}市${dept.name}`;
  if (r() < 0.55) {
    // 行政许可 (licensing, not adverse)
    const licence = pick(r, LICENCES);
    return {
      department: dept.id,
      catalogueItemCode: 'ADMIN_LICENSING',
      subject,
      decisionNumber: `湘${dept.prefix.replace('罚', '许')}〔${year}〕${n}号`,
      decisionDate,
      fields: {
        authority,
        licenceName: licence,
        licenceNumber: `${region}${year}${String(n).padStart(8, '0')}`,
        content: `准予${licence}`,
        validFrom: decisionDate,
        validTo: addYears(decisionDate, 5),
      },
    };
  }
  const tier = r();
  const severity = tier < 0.6 ? 'MINOR' : tier < 0.93 ? 'GENERAL' : 'SERIOUS';
  const fine = severity === 'MINOR' ? 500 + Math.floor(r() * 20) * 100 : severity === 'GENERAL' ? 5_000 + Math.floor(r() * 90) * 1_000 : 100_000 + Math.floor(r() * 100) * 10_000;
  const fields: Record<string, unknown> = {
    authority,
    basis: dept.basis,
    content: `罚款人民币${fine}元`,
    fineAmount: fine,
    illegalFacts: '经查，当事人存在违法行为，事实清楚，证据确凿。',
  };
  if (severity === 'SERIOUS' && subject.type === 'LEGAL_PERSON') {
    fields.legalRepresentativeName = `${pick(rEnterprise, SURNAMES)}${pick(rEnterprise, GIVEN)}`;
    fields.legalRepresentativeIdNumber = idNumberOf(rEnterprise, region);
  }
  return { department: dept.id, catalogueItemCode: 'ADMIN_PENALTY', subject, decisionNumber: `湘${dept.prefix}〔${year}〕${n}号`, decisionDate, severity, fields };
}

/** The record as an NDJSON import line (the department is the batch's, not part of the line). */
export function toNdjsonLine(record: GeneratedRecord): string {
  const { department: _department, ...line } = record;
  return JSON.stringify(line);
}
