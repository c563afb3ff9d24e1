import { subjectTypeName, subjectTypeToProto, type SubjectRef } from '@credit/contracts';
import type { StoredSubject } from './read-model.entity';

export function storedSubject(ref: SubjectRef): StoredSubject {
  return {
    key: ref.key,
    type: subjectTypeName(ref.type) ?? 'LEGAL_PERSON',
    name: ref.name,
    uscc: ref.uscc,
    maskedIdNumber: ref.maskedIdNumber,
  };
}

export function subjectRefOf(s: StoredSubject): SubjectRef {
  return { key: s.key, type: subjectTypeToProto(s.type), name: s.name, uscc: s.uscc, maskedIdNumber: s.maskedIdNumber };
}
