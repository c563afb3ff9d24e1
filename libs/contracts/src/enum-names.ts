import { SeverityTier, SubjectType, type SubjectInput } from './generated/credit/v1/common';

/** The names APIs, tables and the domain use for the proto enums (one mapping for every service). */
export type SeverityName = 'MINOR' | 'GENERAL' | 'SERIOUS';
export type SubjectTypeName = 'LEGAL_PERSON' | 'NATURAL_PERSON';

const SEVERITY_BY_NAME: Record<SeverityName, SeverityTier> = {
  MINOR: SeverityTier.SEVERITY_TIER_MINOR,
  GENERAL: SeverityTier.SEVERITY_TIER_GENERAL,
  SERIOUS: SeverityTier.SEVERITY_TIER_SERIOUS,
};

export function severityToProto(name: string | null | undefined): SeverityTier {
  return (name && SEVERITY_BY_NAME[name as SeverityName]) || SeverityTier.SEVERITY_TIER_UNSPECIFIED;
}

export function severityName(tier: SeverityTier): SeverityName | undefined {
  return (Object.keys(SEVERITY_BY_NAME) as SeverityName[]).find((n) => SEVERITY_BY_NAME[n] === tier);
}

/** Organisations holding a USCC (法人 and 非法人组织) travel as LEGAL_PERSON. */
export function subjectTypeToProto(name: string | null | undefined): SubjectType {
  if (name === 'NATURAL_PERSON') return SubjectType.SUBJECT_TYPE_NATURAL_PERSON;
  if (name === 'LEGAL_PERSON' || name === 'ORGANIZATION') return SubjectType.SUBJECT_TYPE_LEGAL_PERSON;
  return SubjectType.SUBJECT_TYPE_UNSPECIFIED;
}

export function subjectTypeName(type: SubjectType | undefined): SubjectTypeName | undefined {
  if (type === SubjectType.SUBJECT_TYPE_NATURAL_PERSON) return 'NATURAL_PERSON';
  if (type === SubjectType.SUBJECT_TYPE_LEGAL_PERSON) return 'LEGAL_PERSON';
  return undefined;
}

/** A subject as the services' domain validation takes it (empty proto strings become absent). */
export interface SubjectIdentifierFields {
  type: string;
  name: string;
  uscc?: string;
  idNumber?: string;
}

export function subjectFromProto(input: SubjectInput | undefined): SubjectIdentifierFields {
  return {
    type: subjectTypeName(input?.type) ?? 'UNSPECIFIED',
    name: input?.name ?? '',
    uscc: input?.uscc || undefined,
    idNumber: input?.idNumber || undefined,
  };
}
