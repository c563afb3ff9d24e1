import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Events, RepairTargetTypeNames, type RepairTargetType } from '@credit/contracts';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import {
  assessRepairEligibility,
  CalendarRangeError,
  canonicalJson,
  compareDates,
  defaultCalendar,
  repairTargetBlockers,
  resolveSubject,
  validateRepairMethods,
  type DomainError,
  type RepairDeclaration,
  type RepairEligibilityResult,
  type RepairRecordFacts,
  type RepairTarget,
  type SeverityTier,
  type SubjectType,
} from '@credit/domain';
import { UnitOfWork, type Transaction } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { RepairListEntryEntity, RepairRecordEntity, type StoredSubject } from '../read-model/read-model.entity';
import { subjectRefOf } from '../read-model/subject-ref';
import { RepairApplicationEntity, type StoredCommitment, type StoredEvidence } from './repair-application.entity';
import { policyAt, REPAIR_CLOCK, type RepairClock } from './repair-clock';

export interface SubjectFields {
  type: string;
  name: string;
  uscc?: string;
  idNumber?: string;
}

export interface TargetInput {
  type: 'RECORD' | 'LIST_ENTRY' | undefined;
  id: string;
}

export interface EligibilityQuery {
  subject: SubjectFields;
  target: TargetInput;
  evidence: StoredEvidence;
  commitment: StoredCommitment | null;
}

export interface ApplyCommand extends EligibilityQuery {
  idempotencyKey: string;
  methods: string[];
  statement: string;
  requesterDepartmentId: string;
}

/** Who is asking: the department from its token, and whether it is the credit office (信用办). */
export interface Reader {
  departmentId: string;
  creditOffice: boolean;
}

export interface DecideCommand {
  applicationId: string;
  departmentId: string;
  outcome: string;
  reasons: string[];
  /** Required over gRPC (an empty key is refused); an in-process caller that passes none is not deduplicated. */
  idempotencyKey?: string;
}

export interface BreachCommand {
  applicationId: string;
  departmentId: string;
  creditOffice?: boolean;
  reason: string;
  /** As for DecideCommand. */
  idempotencyKey?: string;
}

export interface EligibilityAnswer extends RepairEligibilityResult {
  decidingDepartmentId: string;
  asOf: string;
}

interface LoadedTarget {
  facts: RepairTarget;
  decidingDepartmentId: string;
  recordIds: string[];
  subject: StoredSubject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
const MAX_KEY = 200;
const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });

export function targetTypeName(type: RepairTargetType | undefined): 'RECORD' | 'LIST_ENTRY' | undefined {
  return RepairTargetTypeNames.name(type);
}

/**
 * 信用修复: eligibility, applications, decisions and commitment breaches. Every state change and its event
 * commit together (outbox). Deadlines count working days on the State Council calendar.
 */
@Injectable()
export class RepairService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    @Inject(REPAIR_CLOCK) private readonly clock: RepairClock,
  ) {}

  async checkEligibility(query: EligibilityQuery): Promise<EligibilityAnswer> {
    const errors: DomainError[] = [];
    const subject = this.resolve(query.subject, errors);
    this.validateTarget(query.target, errors);
    if (errors.length > 0 || !subject) throw AppError.validation(errors);
    const target = await this.loadTarget(this.dataSource.manager, subject.key, query.target);
    const asOf = this.clock.today();
    const result = assessRepairEligibility(target.facts, declarationOf(query), asOf);
    return { ...result, decidingDepartmentId: target.decidingDepartmentId, asOf };
  }

  async apply(command: ApplyCommand): Promise<RepairApplicationEntity> {
    const errors: DomainError[] = [];
    const subject = this.resolve(command.subject, errors);
    const key = command.idempotencyKey?.trim() ?? '';
    if (!key || key.length > MAX_KEY) errors.push(keyRequired());
    if (!command.requesterDepartmentId?.trim()) {
      errors.push(err('REQUESTER_DEPARTMENT_REQUIRED', 'requesterDepartmentId', '须注明提交申请的部门', 'The department filing the application is required.'));
    }
    this.validateTarget(command.target, errors);
    if (subject) errors.push(...validateRepairMethods(subject.type, command.methods));
    if ((command.statement ?? '').length > 10_000) errors.push(err('STATEMENT_TOO_LONG', 'statement', '情况说明不超过10000字', 'The statement is limited to 10,000 characters.'));
    command.evidence.attachments.forEach((a, i) => {
      if (!a.fileName?.trim()) errors.push(err('ATTACHMENT_NAME_REQUIRED', `evidence.attachments[${i}].fileName`, '附件须有文件名', 'An attachment needs a file name.'));
      if (!SHA256.test(a.sha256 ?? '')) errors.push(err('ATTACHMENT_SHA256_INVALID', `evidence.attachments[${i}].sha256`, '附件摘要须为64位十六进制SHA-256', 'The attachment digest must be a 64-digit hex SHA-256.'));
      if (!Number.isSafeInteger(a.sizeBytes) || a.sizeBytes < 0) errors.push(err('ATTACHMENT_SIZE_INVALID', `evidence.attachments[${i}].sizeBytes`, '附件大小无效', 'The attachment size is invalid.'));
    });
    if (errors.length > 0 || !subject) throw AppError.validation(errors);
    const evidence: StoredEvidence = {
      finePaid: command.evidence.finePaid,
      rectificationDone: command.evidence.rectificationDone,
      attachments: command.evidence.attachments.map((a) => ({ ...a, sha256: a.sha256.toLowerCase() })),
    };
    const requestHash = createHash('sha256')
      .update(canonicalJson({ target: command.target, methods: command.methods, statement: command.statement, evidence, commitment: command.commitment } as never))
      .digest('hex');

    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run(async (tx) => {
          const existing = await tx.manager.findOne(RepairApplicationEntity, { where: { subjectKey: subject.key, idempotencyKey: key } });
          if (existing) return sameRequest(existing, requestHash);
          return this.file(tx, { ...command, idempotencyKey: key, evidence, requesterDepartmentId: command.requesterDepartmentId.trim() }, subject.key, requestHash);
        });
      } catch (error) {
        // Two retries racing: the loser finds the winner's row on the next pass.
        if (attempt < 3 && pgErrorCode(error) === PgErrorCode.UniqueViolation) continue;
        throw error;
      }
    }
  }

  private async file(tx: Transaction, command: ApplyCommand, subjectKey: string, requestHash: string): Promise<RepairApplicationEntity> {
    const target = await this.loadTarget(tx.manager, subjectKey, command.target);
    const appliedOn = this.clock.today();
    const assessment = assessRepairEligibility(target.facts, declarationOf(command), appliedOn);
    const policy = policyAt(this.deps.config.jurisdiction, appliedOn);
    const base: RepairApplicationEntity = {
      id: randomUUID(),
      idempotencyKey: command.idempotencyKey,
      requestHash,
      subjectKey,
      subject: target.subject,
      targetType: command.target.type!,
      targetId: command.target.id,
      recordIds: target.recordIds,
      decidingDepartmentId: target.decidingDepartmentId,
      requesterDepartmentId: command.requesterDepartmentId,
      status: 'REFUSED',
      methods: command.methods,
      statement: command.statement ?? '',
      evidence: command.evidence,
      commitment: command.commitment,
      refusalReasons: [],
      earliestEligibleDate: assessment.earliestDate,
      appliedOn,
      feedbackDue: null,
      decisionDue: null,
      escalatedOn: null,
      decidedOn: null,
      decidedAt: null,
      decidedOnTime: null,
      decisionIdempotencyKey: null,
      decisionRequestHash: null,
      rejectionReasons: [],
      effectiveDate: null,
      revokedOn: null,
      revocationReason: null,
      revokedByDepartmentId: null,
      breachIdempotencyKey: null,
      breachRequestHash: null,
      policyVersion: policy.versionIds.join('+'),
      createdAt: this.clock.now(),
    };
    if (!assessment.eligible) {
      // Refused at once, stored so the subject sees why and from when (not an error).
      const refused = { ...base, refusalReasons: assessment.unmet.map((u) => ({ code: u.code, field: u.field ?? '', zh: u.message.zh, en: u.message.en })) };
      await tx.manager.insert(RepairApplicationEntity, refused);
      return refused;
    }
    const pending = await tx.manager.findOne(RepairApplicationEntity, { where: { targetType: base.targetType, targetId: base.targetId, status: 'ACCEPTED' } });
    // A retry racing the first attempt finds that attempt's application here (committed meanwhile).
    if (pending?.subjectKey === subjectKey && pending.idempotencyKey === command.idempotencyKey) return sameRequest(pending, requestHash);
    if (pending) {
      throw AppError.one('CONFLICT', 'REPAIR_ALREADY_PENDING', '该信息已有正在办理的修复申请', 'A repair application for this target is already being handled.', 'target');
    }
    // The case reaches the deciding department on acceptance: both deadlines run from the application day.
    const calendar = defaultCalendar();
    const { acceptanceFeedbackWorkingDays, decisionWorkingDays } = policy.parameters.repair;
    let feedbackDue: string;
    let decisionDue: string;
    try {
      feedbackDue = calendar.addWorkingDays(appliedOn, acceptanceFeedbackWorkingDays);
      decisionDue = calendar.addWorkingDays(appliedOn, decisionWorkingDays);
    } catch (error) {
      if (error instanceof CalendarRangeError) {
        throw AppError.one('UNAVAILABLE', 'HOLIDAY_CALENDAR_MISSING', '节假日安排数据未加载，暂无法计算办理期限', 'The holiday schedule for the deadline is not loaded yet.');
      }
      throw error;
    }
    const accepted: RepairApplicationEntity = { ...base, status: 'ACCEPTED', feedbackDue, decisionDue };
    await tx.manager.insert(RepairApplicationEntity, accepted);
    return accepted;
  }

  /**
   * One application, for its parties only: the requesting department, the deciding department and the credit
   * office. Anyone else is told it does not exist (no disclosure of a subject's repair).
   */
  async get(applicationId: string, reader: Reader): Promise<RepairApplicationEntity> {
    if (!UUID.test(applicationId ?? '')) throw notFound();
    const app = await this.dataSource.manager.findOne(RepairApplicationEntity, { where: { id: applicationId } });
    if (!app || !mayRead(app, reader)) throw notFound();
    return app;
  }

  async decide(command: DecideCommand): Promise<RepairApplicationEntity> {
    const reasons = command.reasons.map((r) => r.trim()).filter((r) => r !== '');
    const key = operationKey(command.idempotencyKey);
    const errors: DomainError[] = [];
    if (!command.departmentId?.trim()) errors.push(err('DEPARTMENT_REQUIRED', 'departmentId', '须注明作出决定的部门', 'The deciding department is required.'));
    if (!key || key.length > MAX_KEY) errors.push(keyRequired());
    if (command.outcome !== 'APPROVED' && command.outcome !== 'REJECTED') {
      errors.push(err('OUTCOME_INVALID', 'outcome', '决定结果须为 APPROVED 或 REJECTED', 'The outcome must be APPROVED or REJECTED.'));
    }
    if (command.outcome === 'REJECTED' && reasons.length === 0) {
      errors.push(err('REJECTION_REASONS_REQUIRED', 'reasons', '不予修复须说明理由', 'A rejection must state its reasons.'));
    }
    if (errors.length > 0) throw AppError.validation(errors);
    if (!UUID.test(command.applicationId ?? '')) throw notFound();
    const requestHash = hashOf({ departmentId: command.departmentId.trim(), outcome: command.outcome, reasons });

    return this.uow.run(async (tx) => {
      const app = await tx.manager.findOne(RepairApplicationEntity, { where: { id: command.applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw notFound();
      if (app.decidingDepartmentId !== command.departmentId.trim()) {
        throw AppError.one('FORBIDDEN', 'NOT_DECIDING_DEPARTMENT', '只有认定部门可以作出修复决定', 'Only the deciding department may decide this repair.', 'departmentId');
      }
      // A retry of the decision (another gateway replica, a lost response): the application as it stands.
      if (app.decisionIdempotencyKey === key) return sameOperation(app, app.decisionRequestHash, requestHash, '该幂等键已用于内容不同的修复决定', 'This idempotency key was used for a different decision.');
      if (app.status !== 'ACCEPTED') {
        throw app.status === 'REFUSED'
          ? AppError.one('CONFLICT', 'REPAIR_NOT_ACCEPTED', '该申请未被受理，无需决定', 'The application was refused at filing; there is nothing to decide.')
          : AppError.one('CONFLICT', 'REPAIR_ALREADY_DECIDED', '该申请已作出决定', 'The application has already been decided.');
      }
      const today = this.clock.today();
      const now = this.clock.now();
      const decided = {
        decidedOn: today,
        decidedAt: now,
        decidedOnTime: app.decisionDue !== null && compareDates(today, app.decisionDue) <= 0,
        decisionIdempotencyKey: key,
        decisionRequestHash: requestHash,
      };
      if (command.outcome === 'REJECTED') {
        Object.assign(app, decided, { status: 'REJECTED', rejectionReasons: reasons });
        await tx.manager.save(app);
        return app;
      }
      await this.assertStillRepairable(tx.manager, app);
      Object.assign(app, decided, { status: 'APPROVED', effectiveDate: today });
      await tx.manager.save(app);
      tx.emit({
        definition: Events.RepairApproved,
        subjectKey: app.subjectKey,
        id: `repair-approved-${app.id}`,
        payload: {
          applicationId: app.id,
          subject: subjectRefOf(app.subject),
          targetType: RepairTargetTypeNames.toProto(app.targetType),
          targetId: app.targetId,
          recordIds: app.recordIds,
          decidingDepartmentId: app.decidingDepartmentId,
          commitmentId: app.commitment?.commitmentId ?? '',
          effectiveDate: today,
          decidedAt: now.toISOString(),
        },
      });
      return app;
    });
  }

  /** Only the deciding department, or the credit office, reports a broken repair commitment. */
  async reportBreach(command: BreachCommand): Promise<RepairApplicationEntity> {
    const key = operationKey(command.idempotencyKey);
    const creditOffice = command.creditOffice ?? false;
    const department = command.departmentId?.trim() ?? '';
    const errors: DomainError[] = [];
    if (!department) errors.push(err('DEPARTMENT_REQUIRED', 'departmentId', '须注明报告部门', 'The reporting department is required.'));
    if (!command.reason?.trim()) errors.push(err('BREACH_REASON_REQUIRED', 'reason', '须说明违反承诺的情况', 'Describe how the commitment was broken.'));
    if (!key || key.length > MAX_KEY) errors.push(keyRequired());
    if (errors.length > 0) throw AppError.validation(errors);
    if (!UUID.test(command.applicationId ?? '')) throw notFound();
    const requestHash = hashOf({ departmentId: department, creditOffice, reason: command.reason.trim() });

    return this.uow.run(async (tx) => {
      const app = await tx.manager.findOne(RepairApplicationEntity, { where: { id: command.applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw notFound();
      if (!creditOffice && app.decidingDepartmentId !== department) {
        throw AppError.one(
          'FORBIDDEN',
          'NOT_DECIDING_DEPARTMENT',
          '只有认定部门或信用办可以报告违反修复承诺',
          'Only the deciding department or the credit office may report a broken repair commitment.',
          'departmentId',
        );
      }
      if (app.breachIdempotencyKey === key) return sameOperation(app, app.breachRequestHash, requestHash, '该幂等键已用于内容不同的违诺报告', 'This idempotency key was used for a different breach report.');
      if (app.status === 'REVOKED') throw AppError.one('CONFLICT', 'REPAIR_ALREADY_REVOKED', '该修复已被撤销', 'This repair has already been revoked.');
      if (app.status !== 'APPROVED') throw AppError.one('CONFLICT', 'REPAIR_NOT_APPROVED', '该申请未获修复，不存在修复承诺的违反', 'The application was not approved; there is no repair to revoke.');
      const now = this.clock.now();
      Object.assign(app, {
        status: 'REVOKED',
        revokedOn: this.clock.today(),
        revocationReason: command.reason.trim(),
        revokedByDepartmentId: department,
        breachIdempotencyKey: key,
        breachRequestHash: requestHash,
      });
      await tx.manager.save(app);
      tx.emit({
        definition: Events.RepairRevoked,
        subjectKey: app.subjectKey,
        id: `repair-revoked-${app.id}`,
        payload: {
          applicationId: app.id,
          subject: subjectRefOf(app.subject),
          targetType: RepairTargetTypeNames.toProto(app.targetType),
          targetId: app.targetId,
          recordIds: app.recordIds,
          reason: command.reason.trim(),
          actorDepartmentId: department,
          revokedAt: now.toISOString(),
        },
      });
      return app;
    });
  }

  private async assertStillRepairable(manager: EntityManager, app: RepairApplicationEntity): Promise<void> {
    const target = await this.loadTarget(manager, app.subjectKey, { type: app.targetType as 'RECORD' | 'LIST_ENTRY', id: app.targetId });
    const [gone] = repairTargetBlockers(target.facts);
    if (gone) throw new AppError('CONFLICT', [{ ...gone, code: `TARGET_NO_LONGER_REPAIRABLE`, field: 'target' }]);
  }

  /** Targets whose repair was revoked for a broken commitment (as target, or among an entry's released records). */
  private async breached(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM credit_repair.repair_application WHERE status = 'REVOKED' AND (target_id = $1 OR $2 = ANY(record_ids)) LIMIT 1`,
      [id, id],
    );
    return rows.length > 0;
  }

  private async withBreaches(manager: EntityManager, records: RepairRecordFacts[]): Promise<RepairRecordFacts[]> {
    // One query at a time: inside a transaction they share one connection.
    const out: RepairRecordFacts[] = [];
    for (const r of records) out.push({ ...r, repairRevokedForBreach: await this.breached(manager, r.recordId) });
    return out;
  }

  private resolve(input: SubjectFields, errors: DomainError[]) {
    const resolved = resolveSubject({ type: input?.type as SubjectType, name: input?.name ?? '', uscc: input?.uscc, idNumber: input?.idNumber });
    if (!resolved.ok) {
      errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
      return null;
    }
    return resolved.subject;
  }

  private validateTarget(target: TargetInput, errors: DomainError[]): void {
    if (!target?.type) errors.push(err('TARGET_TYPE_REQUIRED', 'target.type', '修复对象类型须为 RECORD 或 LIST_ENTRY', 'The target type must be RECORD or LIST_ENTRY.'));
    if (!UUID.test(target?.id ?? '')) errors.push(err('TARGET_ID_INVALID', 'target.id', '修复对象标识无效', 'The target id is invalid.'));
  }

  /** The target with what the read model knows of it; another subject's target is "not found" (no disclosure). */
  private async loadTarget(manager: EntityManager, subjectKey: string, target: TargetInput): Promise<LoadedTarget> {
    const missing = () =>
      AppError.one('NOT_FOUND', 'REPAIR_TARGET_NOT_FOUND', '未找到该主体的此项信用信息', 'No such record or list entry of this subject.', 'target.id');
    if (target.type === 'RECORD') {
      const record = await manager.findOne(RepairRecordEntity, { where: { recordId: target.id } });
      if (!record || record.subjectKey !== subjectKey) throw missing();
      const [facts] = await this.withBreaches(manager, [recordFacts(record)]);
      return { facts: { type: 'RECORD', record: facts }, decidingDepartmentId: record.providerDepartmentId, recordIds: [record.recordId], subject: record.subject };
    }
    const entry = await manager.findOne(RepairListEntryEntity, { where: { entryId: target.id } });
    if (!entry || entry.subjectKey !== subjectKey) throw missing();
    const basis = entry.basisRecordIds.length
      ? await manager.getRepository(RepairRecordEntity).createQueryBuilder('r').where('r.record_id = ANY(:ids)', { ids: entry.basisRecordIds }).getMany()
      : [];
    return {
      facts: {
        type: 'LIST_ENTRY',
        entry: {
          entryId: entry.entryId,
          listType: entry.listType as 'RED' | 'SERIOUS_DISHONESTY' | 'KEY_ATTENTION',
          status: entry.status as 'ACTIVE',
          basisRecords: await this.withBreaches(manager, basis.map(recordFacts)),
          repairRevokedForBreach: await this.breached(manager, entry.entryId),
        },
      },
      decidingDepartmentId: entry.identifyingDepartmentId,
      recordIds: entry.basisRecordIds,
      subject: entry.subject,
    };
  }
}

function recordFacts(r: RepairRecordEntity): RepairRecordFacts {
  return {
    recordId: r.recordId,
    adverse: r.adverse,
    severity: (r.severity as SeverityTier | null) ?? null,
    decisionDate: r.decisionDate,
    status: r.status as RepairRecordFacts['status'],
    fineAmount: r.fineAmount === null ? null : Number(r.fineAmount),
    policy: policyAt(r.jurisdiction, r.decisionDate).parameters,
  };
}

function declarationOf(q: EligibilityQuery): RepairDeclaration {
  return {
    finePaid: q.evidence.finePaid,
    rectificationDone: q.evidence.rectificationDone,
    commitment: q.commitment ? { id: q.commitment.commitmentId, text: q.commitment.text, type: q.commitment.type } : null,
  };
}

function sameRequest(existing: RepairApplicationEntity, requestHash: string): RepairApplicationEntity {
  if (existing.requestHash !== requestHash) {
    throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一份申请', 'This idempotency key was used for a different application.', 'idempotencyKey');
  }
  return existing;
}

/** The same key again: the same request gets the application as it stands, another request is refused. */
function sameOperation(app: RepairApplicationEntity, storedHash: string | null, requestHash: string, zh: string, en: string): RepairApplicationEntity {
  if (storedHash !== requestHash) throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', zh, en, 'idempotencyKey');
  return app;
}

/** The caller's key, trimmed; none at all (an in-process caller) is a fresh one: that call is not deduplicated. */
function operationKey(key: string | undefined): string {
  return key === undefined ? randomUUID() : key.trim();
}

function hashOf(request: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(request as never)).digest('hex');
}

function keyRequired(): DomainError {
  return err('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey', `幂等键不能为空且不超过${MAX_KEY}字`, `An idempotency key (at most ${MAX_KEY} characters) is required.`);
}

/** The parties to an application: the department that filed it, the deciding department, the credit office. */
export function mayRead(app: RepairApplicationEntity, reader: Reader): boolean {
  if (reader.creditOffice) return true;
  const department = reader.departmentId?.trim() ?? '';
  return department !== '' && (department === app.requesterDepartmentId || department === app.decidingDepartmentId);
}

function notFound(): AppError {
  return AppError.one('NOT_FOUND', 'REPAIR_APPLICATION_NOT_FOUND', '未找到该修复申请', 'No such repair application.', 'applicationId');
}
