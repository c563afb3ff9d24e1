import { SeverityTier, SubjectType, type SubjectInput } from './generated/credit/v1/common';
import { ListEntryStatus, ListType } from './generated/credit/v1/lists';
import { ObjectionOutcome, ObjectionTargetType } from './generated/credit/v1/objections';
import { RecordStatus } from './generated/credit/v1/records';
import { RepairTargetType } from './generated/credit/v1/repairs';

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

/**
 * A two-way mapping between a proto enum (`PREFIX_NAME = n`) and its names without the prefix, as APIs,
 * tables and the domain use them. `toProto` of an unknown name is the UNSPECIFIED value (0).
 */
export interface ProtoEnumNames<N extends string> {
  readonly names: readonly N[];
  toProto(name: string | null | undefined): number;
  name(value: number | undefined): N | undefined;
}

function protoEnumNames<N extends string>(enumObject: Record<string, string | number>, prefix: string): ProtoEnumNames<N> {
  const byName = new Map<string, number>();
  for (const [key, value] of Object.entries(enumObject)) {
    if (typeof value !== 'number' || value === 0 || !key.startsWith(prefix)) continue;
    byName.set(key.slice(prefix.length), value);
  }
  const byValue = new Map([...byName].map(([n, v]) => [v, n]));
  return {
    names: [...byName.keys()] as N[],
    toProto: (name) => (name ? (byName.get(name) ?? 0) : 0),
    name: (value) => (value === undefined ? undefined : (byValue.get(value) as N | undefined)),
  };
}

export type ListTypeName = 'RED' | 'SERIOUS_DISHONESTY' | 'KEY_ATTENTION';
export const ListTypeNames = protoEnumNames<ListTypeName>(ListType, 'LIST_TYPE_');

export type ListEntryStatusName = 'PROPOSED' | 'NOTIFIED' | 'ACTIVE' | 'SUSPENDED' | 'ENDED';
export const ListEntryStatusNames = protoEnumNames<ListEntryStatusName>(ListEntryStatus, 'LIST_ENTRY_STATUS_');

export type RecordStatusName = 'ACTIVE' | 'PUBLICITY_ENDED' | 'REPAIRED' | 'REVOKED';
export const RecordStatusNames = protoEnumNames<RecordStatusName>(RecordStatus, 'RECORD_STATUS_');

export type ObjectionTargetTypeName = 'RECORD' | 'LIST_ENTRY';
export const ObjectionTargetTypeNames = protoEnumNames<ObjectionTargetTypeName>(ObjectionTargetType, 'OBJECTION_TARGET_TYPE_');

export type ObjectionOutcomeName = 'CORRECTED' | 'REVOKED' | 'MAINTAINED';
export const ObjectionOutcomeNames = protoEnumNames<ObjectionOutcomeName>(ObjectionOutcome, 'OBJECTION_OUTCOME_');

export type RepairTargetTypeName = 'RECORD' | 'LIST_ENTRY';
export const RepairTargetTypeNames = protoEnumNames<RepairTargetTypeName>(RepairTargetType, 'REPAIR_TARGET_TYPE_');
