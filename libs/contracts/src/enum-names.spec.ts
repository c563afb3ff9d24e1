import { SeverityTier, SubjectType } from './generated/credit/v1/common';
import { ListType } from './generated/credit/v1/lists';
import { ObjectionOutcome } from './generated/credit/v1/objections';
import { RecordStatus } from './generated/credit/v1/records';
import {
  ListEntryStatusNames,
  ListTypeNames,
  ObjectionOutcomeNames,
  RecordStatusNames,
  RepairTargetTypeNames,
  severityName,
  severityToProto,
  subjectFromProto,
  subjectTypeName,
  subjectTypeToProto,
} from './enum-names';

describe('proto enum names', () => {
  it('round-trips every severity tier and treats anything else as unspecified', () => {
    for (const name of ['MINOR', 'GENERAL', 'SERIOUS'] as const) expect(severityName(severityToProto(name))).toBe(name);
    expect(severityToProto('SEVERE')).toBe(SeverityTier.SEVERITY_TIER_UNSPECIFIED);
    expect(severityToProto(null)).toBe(SeverityTier.SEVERITY_TIER_UNSPECIFIED);
    expect(severityName(SeverityTier.SEVERITY_TIER_UNSPECIFIED)).toBeUndefined();
  });

  it('sends organisations as legal persons and keeps natural persons apart', () => {
    expect(subjectTypeToProto('ORGANIZATION')).toBe(SubjectType.SUBJECT_TYPE_LEGAL_PERSON);
    expect(subjectTypeName(subjectTypeToProto('NATURAL_PERSON'))).toBe('NATURAL_PERSON');
    expect(subjectTypeName(subjectTypeToProto('LEGAL_PERSON'))).toBe('LEGAL_PERSON');
    expect(subjectTypeToProto('ROBOT')).toBe(SubjectType.SUBJECT_TYPE_UNSPECIFIED);
    expect(subjectTypeName(SubjectType.SUBJECT_TYPE_UNSPECIFIED)).toBeUndefined();
  });

  it('maps a proto subject to identifier fields, empty strings absent', () => {
    expect(subjectFromProto({ type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '某公司', uscc: '91430100MA4L16JQ9D', idNumber: '' })).toEqual({
      type: 'LEGAL_PERSON',
      name: '某公司',
      uscc: '91430100MA4L16JQ9D',
      idNumber: undefined,
    });
    expect(subjectFromProto(undefined)).toEqual({ type: 'UNSPECIFIED', name: '', uscc: undefined, idNumber: undefined });
  });
});

describe('generic proto enum names', () => {
  it('round-trips every list type and list entry status, unknown names and values unspecified', () => {
    for (const name of ListTypeNames.names) expect(ListTypeNames.name(ListTypeNames.toProto(name))).toBe(name);
    expect(ListTypeNames.names).toEqual(['RED', 'SERIOUS_DISHONESTY', 'KEY_ATTENTION']);
    expect(ListEntryStatusNames.names).toEqual(['PROPOSED', 'NOTIFIED', 'ACTIVE', 'SUSPENDED', 'ENDED']);
    expect(ListTypeNames.toProto('BLACK')).toBe(ListType.LIST_TYPE_UNSPECIFIED);
    expect(ListTypeNames.toProto(undefined)).toBe(0);
    expect(ListTypeNames.name(ListType.LIST_TYPE_UNSPECIFIED)).toBeUndefined();
    expect(ListTypeNames.name(99)).toBeUndefined();
  });

  it('maps the outcome and status enums of objections, repairs and records', () => {
    expect(ObjectionOutcomeNames.toProto('REVOKED')).toBe(ObjectionOutcome.OBJECTION_OUTCOME_REVOKED);
    expect(RecordStatusNames.name(RecordStatus.RECORD_STATUS_REPAIRED)).toBe('REPAIRED');
    expect(RepairTargetTypeNames.names).toEqual(['RECORD', 'LIST_ENTRY']);
  });
});
