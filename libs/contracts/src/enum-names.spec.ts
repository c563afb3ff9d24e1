import { SeverityTier, SubjectType } from './generated/credit/v1/common';
import { severityName, severityToProto, subjectFromProto, subjectTypeName, subjectTypeToProto } from './enum-names';

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
