import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Events, severityToProto, subjectTypeToProto } from '@credit/contracts';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import {
  canonicalJson,
  chinaDateOf,
  defaultPolicyRegistry,
  isValidIsoDate,
  publicityWindow,
  resolveSubject,
  SeverityTier,
  SubjectType,
  type DomainError,
  type ResolvedSubject,
} from '@credit/domain';
import { UnitOfWork, type Transaction } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { CatalogueItemEntity } from '../catalogue/catalogue-item.entity';
import { CreditRecordEntity, CreditRecordVersionEntity } from './credit-record.entity';
import { SubjectEntity } from './subject.entity';

export interface SubmitRecordCommand {
  providerDepartmentId: string;
  catalogueItemCode: string;
  subject: { type: string; name: string; uscc?: string; idNumber?: string };
  decisionNumber: string;
  decisionDate: string;
  severity?: string;
  fields: unknown;
}

export type SubmitOutcome = 'CREATED' | 'NEW_VERSION' | 'UNCHANGED';

export interface SubmitResult {
  recordId: string;
  version: number;
  outcome: SubmitOutcome;
  subjectKey: string;
}

const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });

/**
 * Stores credit records: validated against identifier rules and the catalogue, versioned by natural key
 * (provider + item + decision number), and announced as RecordCollected through the outbox.
 */
@Injectable()
export class RecordsService {
  private readonly policies = defaultPolicyRegistry();

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async submit(command: SubmitRecordCommand): Promise<SubmitResult> {
    const { subject, fields, severity, errors } = this.validateShape(command);
    if (errors.length > 0 || !subject) throw AppError.validation(errors);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run((tx) => this.store(tx, command, subject, fields, severity));
      } catch (error) {
        // Two identical submissions racing: the loser sees the winner's row on the second pass.
        if (attempt < 3 && pgErrorCode(error) === PgErrorCode.UniqueViolation) continue;
        throw error;
      }
    }
  }

  private validateShape(command: SubmitRecordCommand): {
    subject?: ResolvedSubject;
    fields: Record<string, unknown>;
    severity: SeverityTier | null;
    errors: DomainError[];
  } {
    const errors: DomainError[] = [];
    const resolved = resolveSubject({
      type: command.subject?.type as SubjectType,
      name: command.subject?.name ?? '',
      uscc: command.subject?.uscc,
      idNumber: command.subject?.idNumber,
    });
    if (!resolved.ok) errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));

    if (!command.catalogueItemCode?.trim()) {
      errors.push(err('CATALOGUE_ITEM_REQUIRED', 'catalogueItemCode', '目录项编码不能为空', 'The catalogue item code is required.'));
    }
    const decisionNumber = command.decisionNumber?.trim() ?? '';
    if (!decisionNumber || decisionNumber.length > 200) {
      errors.push(err('DECISION_NUMBER_INVALID', 'decisionNumber', '决定文书号不能为空且不超过200字', 'The decision number is required (at most 200 characters).'));
    }
    if (!isValidIsoDate(command.decisionDate ?? '')) {
      errors.push(err('DECISION_DATE_INVALID', 'decisionDate', '决定日期须为有效日期 (YYYY-MM-DD)', 'The decision date must be a valid date (YYYY-MM-DD).'));
    } else if (command.decisionDate > chinaDateOf(new Date())) {
      errors.push(err('DECISION_DATE_IN_FUTURE', 'decisionDate', '决定日期不能晚于今天', 'The decision date cannot be in the future.'));
    }
    let severity: SeverityTier | null = null;
    if (command.severity) {
      if (command.severity in SeverityTier) severity = command.severity as SeverityTier;
      else errors.push(err('SEVERITY_INVALID', 'severity', '失信程度须为 轻微/一般/严重 (MINOR/GENERAL/SERIOUS)', 'Severity must be MINOR, GENERAL or SERIOUS.'));
    }
    const fields = command.fields;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      errors.push(err('FIELDS_INVALID', 'fields', '信息项须为 JSON 对象', 'Fields must be a JSON object.'));
    }
    return { subject: resolved.ok ? resolved.subject : undefined, fields: (fields ?? {}) as Record<string, unknown>, severity, errors };
  }

  private async store(
    tx: Transaction,
    command: SubmitRecordCommand,
    subject: ResolvedSubject,
    fields: Record<string, unknown>,
    severity: SeverityTier | null,
  ): Promise<SubmitResult> {
    const { manager } = tx;
    const item = await manager.findOne(CatalogueItemEntity, { where: { code: command.catalogueItemCode.trim(), current: true } });
    if (!item) {
      throw AppError.validation([
        err('CATALOGUE_ITEM_UNKNOWN', 'catalogueItemCode', `目录中没有此信息项：${command.catalogueItemCode}`, `No catalogue item with code ${command.catalogueItemCode}.`),
      ]);
    }
    if (!item.responsibleDepartments.includes('*') && !item.responsibleDepartments.includes(command.providerDepartmentId)) {
      throw AppError.one('FORBIDDEN', 'DEPARTMENT_NOT_RESPONSIBLE', `本部门不是目录项 ${item.code} 的责任单位`, `Your department is not responsible for catalogue item ${item.code}.`, 'catalogueItemCode');
    }
    const errors: DomainError[] = [];
    if (!item.subjectTypes.includes(subject.type)) {
      errors.push(err('SUBJECT_TYPE_NOT_ALLOWED', 'subject.type', `目录项 ${item.code} 不适用于此类主体`, `Catalogue item ${item.code} does not apply to this subject type.`));
    }
    for (const name of item.requiredFields) {
      const value = fields[name];
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        errors.push(err('FIELD_REQUIRED', `fields.${name}`, `缺少必填信息项：${name}`, `Missing required field: ${name}.`));
      }
    }
    if (item.adverse && !severity) {
      errors.push(err('SEVERITY_REQUIRED', 'severity', '失信信息须标明失信程度', 'Adverse information needs a severity tier.'));
    }
    if (errors.length > 0) throw AppError.validation(errors);

    const decisionNumber = command.decisionNumber.trim();
    const content = {
      subjectKey: subject.key,
      subjectName: subject.name,
      decisionDate: command.decisionDate,
      severity: item.adverse ? severity : null,
      fields: fields as never,
      itemVersion: item.version,
    };
    const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');

    await manager.createQueryBuilder().insert().into(SubjectEntity).values({
      key: subject.key,
      type: subject.type,
      name: subject.name,
      uscc: subject.uscc ?? null,
      maskedIdNumber: subject.maskedIdNumber ?? null,
    }).orIgnore().execute();

    const existing = await manager.findOne(CreditRecordEntity, {
      where: { providerDepartmentId: command.providerDepartmentId, catalogueItemCode: item.code, decisionNumber },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && existing.contentHash === contentHash) {
      return { recordId: existing.id, version: existing.currentVersion, outcome: 'UNCHANGED', subjectKey: existing.subjectKey };
    }
    const recordId = existing?.id ?? randomUUID();
    const version = (existing?.currentVersion ?? 0) + 1;
    if (existing) {
      await manager.update(CreditRecordEntity, { id: recordId }, { currentVersion: version, contentHash, subjectKey: subject.key });
    } else {
      await manager.insert(CreditRecordEntity, {
        id: recordId,
        providerDepartmentId: command.providerDepartmentId,
        catalogueItemCode: item.code,
        decisionNumber,
        subjectKey: subject.key,
        currentVersion: version,
        contentHash,
      });
    }

    const publicity = this.publicity(item, subject, severity, command.decisionDate);
    await manager.insert(CreditRecordVersionEntity, {
      recordId,
      version,
      catalogueItemVersion: item.version,
      subjectKey: subject.key,
      subjectName: subject.name,
      decisionDate: command.decisionDate,
      severity: item.adverse ? severity : null,
      fields: fields as never,
      publicityStart: publicity?.start ?? null,
      publicityEnd: publicity?.end ?? null,
      policyVersion: publicity?.policyVersion ?? null,
      contentHash,
    });

    tx.emit({
      definition: Events.RecordCollected,
      subjectKey: subject.key,
      id: `record-${recordId}-v${version}`,
      payload: {
        recordId,
        version,
        subject: {
          key: subject.key,
          type: subjectTypeToProto(subject.type),
          name: subject.name,
          uscc: subject.uscc ?? '',
          maskedIdNumber: subject.maskedIdNumber ?? '',
        },
        catalogueItemCode: item.code,
        catalogueItemVersion: item.version,
        category: item.category,
        providerDepartmentId: command.providerDepartmentId,
        decisionNumber,
        decisionDate: command.decisionDate,
        adverse: item.adverse,
        severity: severityToProto(item.adverse ? severity : null),
        disclosure: item.disclosure,
        publicityStart: publicity?.start ?? '',
        publicityEnd: publicity?.end ?? '',
        fieldsJson: JSON.stringify(fields),
        jurisdiction: this.deps.config.jurisdiction,
        policyVersion: publicity?.policyVersion ?? '',
        collectedAt: new Date().toISOString(),
        relatedPersons: [],
        submittedByDepartmentId: command.providerDepartmentId,
        objectionId: '',
      },
    });
    return { recordId, version, outcome: existing ? 'NEW_VERSION' : 'CREATED', subjectKey: subject.key };
  }

  /**
   * Publicity window of an adverse record from the policy in force at its decision date. Penalties of
   * natural persons are not publicly displayed (NDRC Order 58), nor is non-public information.
   */
  private publicity(item: CatalogueItemEntity, subject: ResolvedSubject, severity: SeverityTier | null, decisionDate: string) {
    if (!item.adverse || !severity || item.disclosure !== 'PUBLIC' || subject.type === SubjectType.NATURAL_PERSON) return null;
    const policy = this.policies.resolve(this.deps.config.jurisdiction, decisionDate);
    const window = publicityWindow(severity, decisionDate, policy.parameters);
    return { start: window.start, end: window.maxEnd, policyVersion: policy.versionIds.join('+') };
  }
}
