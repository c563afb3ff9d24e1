import {
  chinaDateOf,
  isValidIsoDate,
  maskIdNumber,
  resolveSubject,
  SeverityTier,
  SubjectType,
  type DomainError,
  type ResolvedSubject,
} from '@credit/domain';
import type { CatalogueItemEntity } from '../catalogue/catalogue-item.entity';

/** One record as a department submits it (a single submission or one row of a batch). */
export interface RecordRowInput {
  catalogueItemCode: string;
  subject: { type: string; name: string; uscc?: string; idNumber?: string };
  decisionNumber: string;
  decisionDate: string;
  severity?: string;
  fields: unknown;
}

/** A person named in an organisation's record (落实到人), validated. */
export interface PersonLink {
  role: string;
  subject: ResolvedSubject;
}

/** A row that passed the checks that need no catalogue. */
export interface ShapedRow {
  subject: ResolvedSubject;
  decisionNumber: string;
  decisionDate: string;
  severity: SeverityTier | null;
  fields: Record<string, unknown>;
  persons: PersonLink[];
}

export const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });

export const PERSON_ROLES = ['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'DIRECTLY_RESPONSIBLE'] as const;

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Checks a record's date, severity and fields (shared by submissions and corrections). */
export function validateContent(input: { decisionDate: string; severity?: string; fields: unknown }): {
  severity: SeverityTier | null;
  fields: Record<string, unknown>;
  persons: PersonLink[];
  errors: DomainError[];
} {
  const errors: DomainError[] = [];
  if (!isValidIsoDate(input.decisionDate ?? '')) {
    errors.push(err('DECISION_DATE_INVALID', 'decisionDate', '决定日期须为有效日期 (YYYY-MM-DD)', 'The decision date must be a valid date (YYYY-MM-DD).'));
  } else if (input.decisionDate > chinaDateOf(new Date())) {
    errors.push(err('DECISION_DATE_IN_FUTURE', 'decisionDate', '决定日期不能晚于今天', 'The decision date cannot be in the future.'));
  }
  let severity: SeverityTier | null = null;
  if (input.severity) {
    if (input.severity in SeverityTier) severity = input.severity as SeverityTier;
    else errors.push(err('SEVERITY_INVALID', 'severity', '失信程度须为 轻微/一般/严重 (MINOR/GENERAL/SERIOUS)', 'Severity must be MINOR, GENERAL or SERIOUS.'));
  }
  const fields = input.fields;
  let persons: PersonLink[] = [];
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    errors.push(err('FIELDS_INVALID', 'fields', '信息项须为 JSON 对象', 'Fields must be a JSON object.'));
  } else {
    const linked = personsNamedIn(fields as Record<string, unknown>);
    persons = linked.persons;
    errors.push(...linked.errors);
  }
  return { severity, fields: (fields ?? {}) as Record<string, unknown>, persons, errors };
}

/** Checks that need no catalogue: subject identifiers, decision number and date, severity, fields, named persons. */
export function validateShape(input: RecordRowInput): { row?: ShapedRow; errors: DomainError[] } {
  const errors: DomainError[] = [];
  const resolved = resolveSubject({
    type: input.subject?.type as SubjectType,
    name: input.subject?.name ?? '',
    uscc: input.subject?.uscc,
    idNumber: input.subject?.idNumber,
  });
  if (!resolved.ok) errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
  if (!input.catalogueItemCode?.trim()) {
    errors.push(err('CATALOGUE_ITEM_REQUIRED', 'catalogueItemCode', '目录项编码不能为空', 'The catalogue item code is required.'));
  }
  const decisionNumber = input.decisionNumber?.trim() ?? '';
  if (!decisionNumber || decisionNumber.length > 200) {
    errors.push(err('DECISION_NUMBER_INVALID', 'decisionNumber', '决定文书号不能为空且不超过200字', 'The decision number is required (at most 200 characters).'));
  }
  const content = validateContent(input);
  errors.push(...content.errors);
  if (errors.length > 0 || !resolved.ok) return { errors };
  return {
    row: { subject: resolved.subject, decisionNumber, decisionDate: input.decisionDate, severity: content.severity, fields: content.fields, persons: content.persons },
    errors,
  };
}

/** Checks against the catalogue item: subject type, required fields, severity of adverse information. */
export function validateAgainstItem(item: CatalogueItemEntity, subjectType: string, fields: Record<string, unknown>, severity: SeverityTier | null): DomainError[] {
  const errors: DomainError[] = [];
  if (!item.subjectTypes.includes(subjectType)) {
    errors.push(err('SUBJECT_TYPE_NOT_ALLOWED', 'subject.type', `目录项 ${item.code} 不适用于此类主体`, `Catalogue item ${item.code} does not apply to this subject type.`));
  }
  for (const name of item.requiredFields) {
    if (isBlank(fields[name])) errors.push(err('FIELD_REQUIRED', `fields.${name}`, `缺少必填信息项：${name}`, `Missing required field: ${name}.`));
  }
  if (item.adverse && !severity) {
    errors.push(err('SEVERITY_REQUIRED', 'severity', '失信信息须标明失信程度', 'Adverse information needs a severity tier.'));
  }
  return errors;
}

/**
 * The persons a record names (落实到人): `legalRepresentativeName` + `legalRepresentativeIdNumber`, and
 * `responsiblePersons: [{ name, idNumber, role }]`. Every ID number given must be a valid resident ID.
 */
export function personsNamedIn(fields: Record<string, unknown>): { persons: PersonLink[]; errors: DomainError[] } {
  const persons: PersonLink[] = [];
  const errors: DomainError[] = [];
  const link = (role: string, name: unknown, idNumber: unknown, path: { name: string; idNumber: string }) => {
    if (typeof idNumber !== 'string' || typeof name !== 'string' || name.trim() === '') {
      if (isBlank(name)) errors.push(err('PERSON_NAME_REQUIRED', path.name, '须填写人员姓名', 'The person’s name is required.'));
      if (typeof idNumber !== 'string') errors.push(err('ID_EMPTY', path.idNumber, '身份证号码不能为空', 'The ID number is required.'));
      return;
    }
    const resolved = resolveSubject({ type: SubjectType.NATURAL_PERSON, name, idNumber });
    if (!resolved.ok) {
      errors.push(...resolved.errors.map((e) => ({ ...e, field: e.field === 'name' ? path.name : path.idNumber })));
      return;
    }
    if (!persons.some((p) => p.subject.key === resolved.subject.key && p.role === role)) persons.push({ role, subject: resolved.subject });
  };

  if (!isBlank(fields.legalRepresentativeIdNumber)) {
    link('LEGAL_REPRESENTATIVE', fields.legalRepresentativeName, fields.legalRepresentativeIdNumber, {
      name: 'fields.legalRepresentativeName',
      idNumber: 'fields.legalRepresentativeIdNumber',
    });
  }
  const listed = fields.responsiblePersons;
  if (listed !== undefined && listed !== null) {
    if (!Array.isArray(listed)) {
      errors.push(err('RESPONSIBLE_PERSONS_INVALID', 'fields.responsiblePersons', '责任人须为数组', 'responsiblePersons must be an array.'));
    } else {
      listed.forEach((entry: unknown, i) => {
        const at = `fields.responsiblePersons[${i}]`;
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
          errors.push(err('RESPONSIBLE_PERSONS_INVALID', at, '责任人须为对象 {name, idNumber, role}', 'Each responsible person must be an object {name, idNumber, role}.'));
          return;
        }
        const person = entry as Record<string, unknown>;
        const role = isBlank(person.role) ? 'DIRECTLY_RESPONSIBLE' : person.role;
        if (typeof role !== 'string' || !(PERSON_ROLES as readonly string[]).includes(role)) {
          errors.push(err('PERSON_ROLE_INVALID', `${at}.role`, '责任人角色须为 LEGAL_REPRESENTATIVE/PRINCIPAL/DIRECTLY_RESPONSIBLE', 'The role must be LEGAL_REPRESENTATIVE, PRINCIPAL or DIRECTLY_RESPONSIBLE.'));
          return;
        }
        link(role, person.name, person.idNumber, { name: `${at}.name`, idNumber: `${at}.idNumber` });
      });
    }
  }
  return { persons, errors };
}

/** Whether a SERIOUS record of this subject is also attributed to the persons it names. */
export function attributesToPersons(subjectType: string, severity: SeverityTier | null): boolean {
  return severity === SeverityTier.SERIOUS && (subjectType === SubjectType.LEGAL_PERSON || subjectType === SubjectType.ORGANIZATION);
}

const ID_KEY = /^idNumber$|IdNumber$/;

/** The fields with every person's ID number masked (for events and read APIs). */
export function maskedFields(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskedFields(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskedFields(v, k)]));
  }
  if (typeof value === 'string' && ID_KEY.test(key)) return maskIdNumber(value);
  return value;
}
