import { createHash } from 'node:crypto';
import type { DomainError, LocalizedMessage } from '../errors';
import { maskIdNumber, validateIdNumber } from './id-number';
import { normalizeCode, normalizeName } from './normalize';
import { validateUscc } from './uscc';

/** Kinds of credit subject (信用主体). Organisations are keyed by USCC, natural persons by ID number. */
export const SubjectType = {
  /** 法人: enterprises, public institutions, social organisations, government bodies. */
  LEGAL_PERSON: 'LEGAL_PERSON',
  /** 非法人组织: other organisations holding a USCC (partnerships, branches, 个体工商户 …). */
  ORGANIZATION: 'ORGANIZATION',
  /** 自然人. */
  NATURAL_PERSON: 'NATURAL_PERSON',
} as const;
export type SubjectType = (typeof SubjectType)[keyof typeof SubjectType];

export const SUBJECT_TYPE_LABELS: Readonly<Record<SubjectType, LocalizedMessage>> = {
  LEGAL_PERSON: { zh: '法人', en: 'legal person' },
  ORGANIZATION: { zh: '非法人组织', en: 'unincorporated organisation' },
  NATURAL_PERSON: { zh: '自然人', en: 'natural person' },
};

/** A subject as it arrives from outside: unvalidated and not yet normalised. */
export interface SubjectIdentifier {
  readonly type: SubjectType;
  readonly name: string;
  /** Required for LEGAL_PERSON and ORGANIZATION. */
  readonly uscc?: string;
  /** Required for NATURAL_PERSON. */
  readonly idNumber?: string;
}

/** A validated, normalised subject. */
export interface ResolvedSubject {
  readonly type: SubjectType;
  /** Stable key (also the Kafka message key); never contains an ID number. */
  readonly key: string;
  readonly name: string;
  readonly uscc?: string;
  /** The full number: personal information, to be stored and shown only where authorised. */
  readonly idNumber?: string;
  /** `idNumber` masked for display and logs. */
  readonly maskedIdNumber?: string;
}

export type ResolveSubjectResult =
  | { readonly ok: true; readonly subject: ResolvedSubject }
  | { readonly ok: false; readonly errors: readonly DomainError[] };

export interface ResolveSubjectOptions {
  /** Passed to {@link validateUscc}. */
  readonly allowList?: ReadonlySet<string>;
  /** Passed to {@link validateIdNumber}. */
  readonly today?: Date;
}

/** Domain-separation prefix, so the hash cannot be confused with a hash of the bare number elsewhere. */
const NATURAL_PERSON_KEY_PREFIX = 'credit-subject:';

/** Subject key of an organisation: `ORG:<uscc>`. Expects a validated code; it is only normalised here. */
export function subjectKeyForUscc(uscc: string): string {
  return `ORG:${normalizeCode(uscc)}`;
}

/**
 * Subject key of a natural person: `NP:` + the first 32 hex digits (128 bits) of
 * SHA-256(`credit-subject:` + normalised ID number). Being a hash, the key reveals no personal data, yet
 * every event of the same person gets the same key. Expects a validated number; it is only normalised here.
 */
export function subjectKeyForIdNumber(idNumber: string): string {
  const digest = createHash('sha256').update(NATURAL_PERSON_KEY_PREFIX + normalizeCode(idNumber)).digest('hex');
  return `NP:${digest.slice(0, 32)}`;
}

/**
 * Validates and normalises a subject. Every problem is reported (not just the first), each with the
 * field it belongs to: `type`, `name`, `uscc` or `idNumber`. An identifier that does not belong to the
 * subject type (an ID number given for a legal person, say) is ignored.
 */
export function resolveSubject(input: SubjectIdentifier, options: ResolveSubjectOptions = {}): ResolveSubjectResult {
  const errors: DomainError[] = [];
  const name = normalizeName(input.name);
  if (name === '') {
    errors.push({ code: 'SUBJECT_NAME_EMPTY', field: 'name', message: { zh: '名称或姓名不能为空', en: 'The name is required.' } });
  }

  let subject: ResolvedSubject | undefined;
  switch (input.type) {
    case SubjectType.LEGAL_PERSON:
    case SubjectType.ORGANIZATION: {
      const uscc = validateUscc(input.uscc ?? '', { allowList: options.allowList });
      if (uscc.valid) {
        subject = { type: input.type, key: subjectKeyForUscc(uscc.value), name, uscc: uscc.value };
      } else {
        errors.push({ code: uscc.code, field: 'uscc', message: uscc.message });
      }
      break;
    }
    case SubjectType.NATURAL_PERSON: {
      const id = validateIdNumber(input.idNumber ?? '', { today: options.today });
      if (id.valid) {
        subject = {
          type: input.type,
          key: subjectKeyForIdNumber(id.value),
          name,
          idNumber: id.value,
          maskedIdNumber: maskIdNumber(id.value),
        };
      } else {
        errors.push({ code: id.code, field: 'idNumber', message: id.message });
      }
      break;
    }
    default: {
      // Input may come from untyped JSON, so a value outside the union is still possible at run time.
      const unknownType: never = input.type;
      errors.push({
        code: 'SUBJECT_TYPE',
        field: 'type',
        message: { zh: `未知的主体类型：${String(unknownType)}`, en: `Unknown subject type: ${String(unknownType)}` },
      });
    }
  }
  return subject && errors.length === 0 ? { ok: true, subject } : { ok: false, errors };
}
