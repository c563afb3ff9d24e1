import { addYears, compareDates, type IsoDate } from '../calendar/local-date';
import type { LocalizedMessage } from '../errors';
import type { SubjectType } from '../identifiers/subject';
import { getMatterType, type MatterTypeCode } from '../matters/matter-types';
import { measuresForMatter, type JointMeasure, type MeasureTargetList } from '../measures/measures';
import type { SeverityTier } from '../policy/policy-parameters';

/**
 * The check verdict (信用核查结论) a department's system acts on automatically:
 * - REJECT: a mandatory measure bars the subject from this matter ("一票否决");
 * - RESTRICT: a mandatory measure restricts it (participation limited, qualification reassessed);
 * - REVIEW: recommended punishments or closer scrutiny apply: the department reviews and decides;
 * - PROCEED_WITH_INCENTIVES: incentives apply and nothing adverse does;
 * - PROCEED: nothing applies (including "no record": the platform holds nothing about the subject).
 */
export const Verdict = {
  REJECT: 'REJECT',
  RESTRICT: 'RESTRICT',
  REVIEW: 'REVIEW',
  PROCEED_WITH_INCENTIVES: 'PROCEED_WITH_INCENTIVES',
  PROCEED: 'PROCEED',
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export type RecordStatusName = 'ACTIVE' | 'PUBLICITY_ENDED' | 'REPAIRED' | 'REVOKED';
export type ListTypeName = 'RED' | 'SERIOUS_DISHONESTY' | 'KEY_ATTENTION';
export type ListEntryStatusName = 'PROPOSED' | 'NOTIFIED' | 'ACTIVE' | 'SUSPENDED' | 'ENDED';

/** A record of the subject as the profile holds it (current version). */
export interface RecordFact {
  readonly recordId: string;
  readonly adverse: boolean;
  readonly severity: SeverityTier | null;
  readonly status: RecordStatusName;
  readonly decisionDate: IsoDate;
  /** First day the record no longer has effect (publicity end, or the tier's maximum period for undisplayed ones). */
  readonly effectEnd: IsoDate | null;
  readonly underObjection: boolean;
  readonly providerDepartmentId: string;
  readonly catalogueItemCode: string;
  readonly decisionNumber: string;
}

/** A list entry of the subject. */
export interface ListEntryFact {
  readonly entryId: string;
  readonly listType: ListTypeName;
  readonly status: ListEntryStatusName;
  readonly periodEnd: IsoDate | null;
  /** Set when the subject is listed as a related person of an organisation's entry (落实到人). */
  readonly relatedToEntryId: string | null;
  readonly relation: string | null;
  readonly underObjection: boolean;
  readonly identifyingDepartmentId: string;
  readonly basisText: string;
}

export interface SubjectFacts {
  /** False when the platform holds nothing about the subject. */
  readonly known: boolean;
  /** Credit grade (分级分类) when one is current; grade-targeted measures apply only with a grade. */
  readonly grade?: 'A' | 'B' | 'C' | 'D' | null;
  readonly subjectType: SubjectType;
  readonly records: readonly RecordFact[];
  readonly listEntries: readonly ListEntryFact[];
}

export interface VerdictParameters {
  /** Consecutive years without a dishonesty record that qualify for incentives (policy `redList.cleanYears`). */
  readonly cleanYears: number;
}

export type MeasureStatus = 'APPLIES' | 'SUSPENDED';

export interface ApplicableMeasure {
  readonly measure: JointMeasure;
  /** SUSPENDED: the information it rests on is under objection, so it is not executed (seed 003 §二(四)6). */
  readonly status: MeasureStatus;
  /** Why the subject is targeted: the groups matched, and `GRADE_<g>` when the grade matched. */
  readonly groups: readonly string[];
  /** Records and list entries the measure rests on. */
  readonly evidenceIds: readonly string[];
}

export interface Evidence {
  readonly id: string;
  readonly kind: 'RECORD' | 'LIST_ENTRY';
  readonly underObjection: boolean;
  readonly providerDepartmentId: string;
  readonly description: LocalizedMessage;
}

export interface VerdictResult {
  readonly verdict: Verdict;
  readonly measures: readonly ApplicableMeasure[];
  readonly evidence: readonly Evidence[];
  /** Groups the subject belongs to now (SERIOUS_DISHONESTY, ANY_ADVERSE, CLEAN_3_YEARS, …). */
  readonly groups: readonly MeasureTargetList[];
  /** Written notice the department sends before applying a measure (seed 000 Art. 6); null when none applies. */
  readonly noticeText: string | null;
  readonly reason: LocalizedMessage;
}

interface Group {
  readonly list: MeasureTargetList;
  /** Evidence not under objection. */
  readonly live: string[];
  /** Evidence under objection (or suspended entries). */
  readonly suspended: string[];
  /** True when the subject is only in the group as a related person (落实到人). */
  readonly relatedOnly: boolean;
}

const TIER_LABEL: Record<SeverityTier, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const LIST_LABEL: Record<ListTypeName, LocalizedMessage> = {
  RED: { zh: '红名单', en: 'red list' },
  SERIOUS_DISHONESTY: { zh: '严重失信主体名单', en: 'serious dishonesty list' },
  KEY_ATTENTION: { zh: '重点关注对象名单', en: 'key attention list' },
};

function recordInForce(r: RecordFact, asOf: IsoDate): boolean {
  return r.adverse && r.status === 'ACTIVE' && (r.effectEnd === null || compareDates(asOf, r.effectEnd) < 0);
}

function entryInForce(e: ListEntryFact, asOf: IsoDate): boolean {
  return (e.status === 'ACTIVE' || e.status === 'SUSPENDED') && (e.periodEnd === null || compareDates(asOf, e.periodEnd) < 0);
}

/** The groups of measure targets the subject belongs to on `asOf`, each with the evidence behind it. */
export function subjectGroups(facts: SubjectFacts, asOf: IsoDate, params: VerdictParameters): Group[] {
  if (!facts.known) return [];
  const groups: Group[] = [];
  for (const list of ['SERIOUS_DISHONESTY', 'KEY_ATTENTION', 'RED'] as const) {
    const entries = facts.listEntries.filter((e) => e.listType === list && entryInForce(e, asOf));
    if (entries.length === 0) continue;
    const suspended = (e: ListEntryFact) => e.status === 'SUSPENDED' || e.underObjection;
    groups.push({
      list,
      live: entries.filter((e) => !suspended(e)).map((e) => e.entryId),
      suspended: entries.filter(suspended).map((e) => e.entryId),
      relatedOnly: entries.every((e) => e.relatedToEntryId !== null),
    });
  }
  const adverse = facts.records.filter((r) => recordInForce(r, asOf));
  if (adverse.length > 0) {
    groups.push({
      list: 'ANY_ADVERSE',
      live: adverse.filter((r) => !r.underObjection).map((r) => r.recordId),
      suspended: adverse.filter((r) => r.underObjection).map((r) => r.recordId),
      relatedOnly: false,
    });
  }
  const dishonestListed = groups.some((g) => g.list === 'SERIOUS_DISHONESTY' || g.list === 'KEY_ATTENTION');
  if (adverse.length === 0 && !dishonestListed) {
    const evidence = facts.records.filter((r) => r.status !== 'REVOKED').map((r) => r.recordId);
    groups.push({ list: 'NO_ADVERSE_RECORD', live: evidence, suspended: [], relatedOnly: false });
    // Clean years: the platform has known the subject that long, and no adverse record was decided since.
    const since = addYears(asOf, -params.cleanYears);
    const counted = facts.records.filter((r) => r.status !== 'REVOKED');
    const longEnough = counted.some((r) => compareDates(r.decisionDate, since) <= 0);
    const adverseSince = counted.some((r) => r.adverse && compareDates(r.decisionDate, since) > 0);
    if (longEnough && !adverseSince) groups.push({ list: 'CLEAN_3_YEARS', live: evidence, suspended: [], relatedOnly: false });
  }
  return groups;
}

const PUNISHING = (m: JointMeasure) => m.type !== 'INCENTIVE';

/**
 * The verdict for a subject on a matter: the measures of the list that apply to the matter and target one of
 * the subject's groups, each APPLIES or SUSPENDED (all of its evidence under objection), and the verdict from
 * the applying ones. Pure: the caller passes the profile facts, the day and the measures edition.
 */
export function decideVerdict(
  facts: SubjectFacts,
  matterType: MatterTypeCode,
  asOf: IsoDate,
  params: VerdictParameters,
  measures?: readonly JointMeasure[],
): VerdictResult {
  const groups = subjectGroups(facts, asOf, params);
  const applicable: ApplicableMeasure[] = [];
  for (const measure of measuresForMatter(matterType, measures)) {
    if (measure.target.subjectTypes && !measure.target.subjectTypes.includes(facts.subjectType)) continue;
    const matched = groups.filter((g) => measure.target.lists.includes(g.list) && (!g.relatedOnly || measure.target.relatedPersons === true));
    const gradeMatch = facts.known && facts.grade ? (measure.target.grades ?? []).includes(facts.grade) : false;
    if (matched.length === 0 && !gradeMatch) continue;
    // Incentives never go to a subject with adverse information in force, even under objection.
    if (measure.type === 'INCENTIVE' && groups.some((g) => g.list === 'SERIOUS_DISHONESTY' || g.list === 'KEY_ATTENTION' || g.list === 'ANY_ADVERSE')) continue;
    const live = matched.flatMap((g) => g.live);
    const suspended = matched.flatMap((g) => g.suspended);
    applicable.push({
      measure,
      status: live.length > 0 || gradeMatch || measure.type === 'INCENTIVE' ? 'APPLIES' : 'SUSPENDED',
      groups: [...matched.map((g) => g.list), ...(gradeMatch ? [`GRADE_${facts.grade}`] : [])],
      evidenceIds: live.length > 0 ? live : suspended,
    });
  }
  const applying = applicable.filter((a) => a.status === 'APPLIES');
  const verdict = verdictOf(applying.map((a) => a.measure));
  const evidence = evidenceOf(facts, groups);
  return {
    verdict,
    measures: applicable,
    evidence,
    groups: groups.map((g) => g.list),
    noticeText: noticeText(facts, matterType, applying.filter((a) => PUNISHING(a.measure)), evidence),
    reason: reasonOf(verdict, facts.known, applicable),
  };
}

function verdictOf(applying: readonly JointMeasure[]): Verdict {
  const punishing = applying.filter(PUNISHING);
  const mandatory = punishing.filter((m) => m.class === 'MANDATORY');
  if (mandatory.some((m) => m.effect === 'BAR')) return Verdict.REJECT;
  if (mandatory.some((m) => m.effect === 'RESTRICT' || m.effect === 'REVOKE')) return Verdict.RESTRICT;
  if (punishing.length > 0) return Verdict.REVIEW;
  if (applying.length > 0) return Verdict.PROCEED_WITH_INCENTIVES;
  return Verdict.PROCEED;
}

function evidenceOf(facts: SubjectFacts, groups: readonly Group[]): Evidence[] {
  const ids = new Set(groups.filter((g) => g.list !== 'NO_ADVERSE_RECORD' && g.list !== 'CLEAN_3_YEARS').flatMap((g) => [...g.live, ...g.suspended]));
  const evidence: Evidence[] = [];
  for (const e of facts.listEntries) {
    if (!ids.has(e.entryId)) continue;
    const label = LIST_LABEL[e.listType];
    const related = e.relatedToEntryId ? { zh: `（作为${e.relation === 'LEGAL_REPRESENTATIVE' ? '法定代表人' : '相关责任人'}）`, en: ` (as ${e.relation === 'LEGAL_REPRESENTATIVE' ? 'legal representative' : 'responsible person'})` } : { zh: '', en: '' };
    evidence.push({
      id: e.entryId,
      kind: 'LIST_ENTRY',
      underObjection: e.status === 'SUSPENDED' || e.underObjection,
      providerDepartmentId: e.identifyingDepartmentId,
      description: { zh: `列入${label.zh}${related.zh}，认定部门：${e.identifyingDepartmentId}${e.basisText ? `，依据：${e.basisText}` : ''}`, en: `On the ${label.en}${related.en}, identified by ${e.identifyingDepartmentId}` },
    });
  }
  for (const r of facts.records) {
    if (!ids.has(r.recordId)) continue;
    const tier = r.severity ? TIER_LABEL[r.severity] : '';
    evidence.push({
      id: r.recordId,
      kind: 'RECORD',
      underObjection: r.underObjection,
      providerDepartmentId: r.providerDepartmentId,
      description: {
        zh: `${tier ? `${tier}失信` : '失信'}信息：${r.decisionNumber}（${r.decisionDate}，提供单位：${r.providerDepartmentId}）${r.underObjection ? '【异议处理中】' : ''}`,
        en: `${r.severity ?? 'adverse'} record ${r.decisionNumber} of ${r.decisionDate}, provided by ${r.providerDepartmentId}${r.underObjection ? ' [under objection]' : ''}`,
      },
    });
  }
  return evidence;
}

/**
 * 书面告知 (seed 000 Art. 6): before applying a measure the department tells the subject which public credit
 * information it used and who provided it, the measures and their basis, and the subject's right to object.
 */
function noticeText(facts: SubjectFacts, matterType: MatterTypeCode, measures: readonly ApplicableMeasure[], evidence: readonly Evidence[]): string | null {
  if (measures.length === 0) return null;
  const used = new Set(measures.flatMap((m) => m.evidenceIds));
  const info = evidence.filter((e) => used.has(e.id) && !e.underObjection);
  const matter = getMatterType(matterType).name.zh;
  const addressee = facts.subjectType === 'NATURAL_PERSON' ? '您' : '贵单位';
  const lines = [
    '信用核查书面告知',
    `${addressee}申请办理「${matter}」事项。经查询公共信用信息平台，${addressee}存在以下公共信用信息：`,
    ...info.map((e, i) => `  ${i + 1}. ${e.description.zh}`),
    '根据有关规定，本部门拟在办理该事项时采取以下措施：',
    ...measures.map((m, i) => `  ${i + 1}. ${m.measure.content.zh}（${m.measure.class === 'MANDATORY' ? '依法必须联合执行' : '推荐性措施'}；依据：${m.measure.legalBasis.slice(0, 3).join('；')}）`),
    `${addressee}如对上述信息有异议，可向信息提供单位或信用主管部门提出异议申请；已纠正失信行为的，可依法申请信用修复。`,
  ];
  return lines.join('\n');
}

function reasonOf(verdict: Verdict, known: boolean, measures: readonly ApplicableMeasure[]): LocalizedMessage {
  if (!known) return { zh: '平台无该主体的信用记录', en: 'No record: the platform holds nothing about the subject' };
  const suspended = measures.filter((m) => m.status === 'SUSPENDED').length;
  const tail = suspended > 0 ? { zh: `；${suspended} 项措施因异议处理中暂停执行`, en: `; ${suspended} measure(s) suspended while an objection is verified` } : { zh: '', en: '' };
  const base: Record<Verdict, LocalizedMessage> = {
    REJECT: { zh: '依法必须联合执行的惩戒措施禁止其参与该事项（一票否决）', en: 'A mandatory measure bars the subject from this matter' },
    RESTRICT: { zh: '依法必须联合执行的惩戒措施限制其参与该事项', en: 'A mandatory measure restricts the subject in this matter' },
    REVIEW: { zh: '存在失信信息，适用推荐性惩戒措施或重点审查', en: 'Adverse information: recommended measures or closer review apply' },
    PROCEED_WITH_INCENTIVES: { zh: '守信主体，适用激励措施', en: 'Trustworthy subject: incentives apply' },
    PROCEED: { zh: '未发现适用的奖惩措施', en: 'No measure applies' },
  };
  return { zh: base[verdict].zh + tail.zh, en: base[verdict].en + tail.en };
}
