import {
  MeasureChannel,
  MeasureClass,
  MeasureEffect,
  MeasureTargetList,
  MeasureType,
  SubjectType,
  isMatterTypeCode,
  isValidIsoDate,
  type DomainError,
  type JointMeasure,
  type MeasureMatterScope,
  type MeasureTargetGrade,
  type SeedQuote,
} from '@credit/domain';
import type { MeasureDefinition, MeasuresEditionPublished } from '@credit/contracts';

export interface MeasuresEdition {
  id: string;
  effectiveFrom: string;
  measures: readonly JointMeasure[];
}

const oneOf = <T extends string>(values: Record<string, T>) => {
  const set = new Set<string>(Object.values(values));
  return (v: string): v is T => set.has(v);
};
const isType = oneOf(MeasureType);
const isClass = oneOf(MeasureClass);
const isEffect = oneOf(MeasureEffect);
const isChannel = oneOf(MeasureChannel);
const isTargetList = oneOf(MeasureTargetList);
const isSubjectType = oneOf(SubjectType);
const isGrade = (v: string): v is MeasureTargetGrade => ['A', 'B', 'C', 'D'].includes(v);

/** The edition in force on `day` among `editions` (the latest effective date not after it), or null. */
export function editionInForce<E extends { effectiveFrom: string }>(editions: readonly E[], day: string): E | null {
  let best: E | null = null;
  for (const e of editions) if (e.effectiveFrom <= day && (!best || e.effectiveFrom > best.effectiveFrom)) best = e;
  return best;
}

/** Validates a MeasuresEditionPublished payload and turns it into the verdict's measures. */
export function editionFromEvent(e: MeasuresEditionPublished): { ok: true; edition: MeasuresEdition; basis: string[] } | { ok: false; errors: DomainError[] } {
  const errors: DomainError[] = [];
  const bad = (field: string, what: string) => errors.push({ code: 'INVALID_EVENT', field, message: { zh: `措施清单版本事件无效：${field} ${what}`, en: `Invalid MeasuresEditionPublished: ${field} ${what}` } });
  if (!e.editionId) bad('editionId', 'is empty');
  if (!isValidIsoDate(e.effectiveFrom)) bad('effectiveFrom', `is not a date: ${e.effectiveFrom}`);
  if (e.measures.length === 0) bad('measures', 'is empty');
  const measures = e.measures.map((m, i) => toJointMeasure(m, `measures[${i}]`, bad));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, edition: { id: e.editionId, effectiveFrom: e.effectiveFrom, measures }, basis: e.basis };
}

function toJointMeasure(m: MeasureDefinition, at: string, bad: (field: string, what: string) => void): JointMeasure {
  if (!m.code) bad(`${at}.code`, 'is empty');
  if (!isType(m.type)) bad(`${at}.type`, `is unknown: ${m.type}`);
  if (!isClass(m.class)) bad(`${at}.class`, `is unknown: ${m.class}`);
  if (!isEffect(m.effect)) bad(`${at}.effect`, `is unknown: ${m.effect}`);
  if (!isChannel(m.channel)) bad(`${at}.channel`, `is unknown: ${m.channel}`);
  for (const v of m.targetLists) if (!isTargetList(v)) bad(`${at}.targetLists`, `has unknown ${v}`);
  for (const v of m.targetGrades) if (!isGrade(v)) bad(`${at}.targetGrades`, `has unknown ${v}`);
  for (const v of m.subjectTypes) if (!isSubjectType(v)) bad(`${at}.subjectTypes`, `has unknown ${v}`);
  for (const v of m.matterTypes) if (v !== '*' && !isMatterTypeCode(v)) bad(`${at}.matterTypes`, `has unknown ${v}`);
  let quotes: SeedQuote[] = [];
  try {
    const parsed: unknown = m.quotesJson ? JSON.parse(m.quotesJson) : [];
    if (Array.isArray(parsed)) quotes = parsed as SeedQuote[];
  } catch {
    bad(`${at}.quotesJson`, 'is not JSON');
  }
  return {
    code: m.code,
    content: { zh: m.contentZh, en: m.contentEn },
    type: m.type as JointMeasure['type'],
    class: m.class as JointMeasure['class'],
    classBasis: m.classBasis,
    effect: m.effect as JointMeasure['effect'],
    channel: m.channel as JointMeasure['channel'],
    target: {
      lists: m.targetLists as JointMeasure['target']['lists'],
      ...(m.targetGrades.length ? { grades: m.targetGrades as MeasureTargetGrade[] } : {}),
      ...(m.relatedPersons ? { relatedPersons: true } : {}),
      ...(m.subjectTypes.length ? { subjectTypes: m.subjectTypes as JointMeasure['target']['subjectTypes'] } : {}),
      wording: m.targetWording,
    },
    matterTypes: m.matterTypes as MeasureMatterScope[],
    implementingBody: { zh: m.implementingBodyZh, en: '' },
    legalBasis: m.legalBasis,
    sources: m.sources as JointMeasure['sources'],
    quotes,
    defaultPeriodMonths: m.defaultPeriodMonths > 0 ? m.defaultPeriodMonths : null,
  };
}
