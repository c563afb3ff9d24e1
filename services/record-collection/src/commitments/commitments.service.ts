import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommitmentType, Events, FulfilmentStatus, subjectTypeToProto, type SubjectRef } from '@credit/contracts';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import { canonicalJson, defaultPolicyRegistry, isValidIsoDate, resolveSubject, SeverityTier, type DomainError, type SubjectType } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { CollectionClock } from '../collection-clock';
import { isUuid } from '../records/record-status.service';
import { err } from '../records/record-validation';
import { RecordsService } from '../records/records.service';
import { BREACH_SEVERITY, COMMITMENT_TYPE_LABELS, COMMITMENT_TYPES, commitmentCode, FULFILMENT_OUTCOMES, serialExhausted } from './commitment-rules';
import { CommitmentEntity, type CommitmentTypeValue, type FulfilmentStatusValue } from './commitment.entity';

/** The catalogue item a breached commitment becomes (adverse, open to every receiving department). */
export const COMMITMENT_BREACH_ITEM = 'COMMITMENT_BREACH';
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const MAX_CONTENT = 4_000;
const MAX_SHORT = 200;

export interface MakeCommitmentCommand {
  receivingDepartmentId: string;
  idempotencyKey: string;
  type: string | undefined;
  subject: { type: string; name: string; uscc?: string; idNumber?: string };
  content: string;
  matter: string;
  deadline?: string;
  repairApplicationId?: string;
  recordIds?: string[];
}

export interface RecordFulfilmentCommand {
  departmentId: string;
  commitmentId: string;
  status: string | undefined;
  fulfilmentDate: string;
  note?: string;
  severity?: string;
}

export interface CommitmentPage {
  commitments: CommitmentEntity[];
  nextCursor: string;
}

/**
 * 信用承诺: commitments received by departments (code region + date + serial, gapless per region and day),
 * fulfilment recorded by the receiving department; a breach becomes an adverse record (COMMITMENT_BREACH)
 * in the same transaction. CommitmentMade and CommitmentFulfilmentRecorded go out through the outbox.
 */
@Injectable()
export class CommitmentsService {
  private readonly policies = defaultPolicyRegistry();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: RecordsService,
    private readonly clock: CollectionClock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async make(command: MakeCommitmentCommand): Promise<CommitmentEntity> {
    const department = command.receivingDepartmentId?.trim() ?? '';
    if (!department) throw AppError.one('UNAUTHENTICATED', 'DEPARTMENT_REQUIRED', '缺少受理部门', 'The receiving department is missing.', 'receivingDepartmentId');
    const key = command.idempotencyKey?.trim() ?? '';
    const today = this.clock.today();
    const errors: DomainError[] = [];
    if (!key || key.length > MAX_SHORT) errors.push(err('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey', '须提供幂等键（不超过200字）', 'An idempotency key (at most 200 characters) is required.'));
    const type = command.type as CommitmentTypeValue;
    if (!COMMITMENT_TYPES.includes(type)) {
      errors.push(err('COMMITMENT_TYPE_INVALID', 'type', `承诺类型须为：${COMMITMENT_TYPES.join('/')}`, `The commitment type must be one of ${COMMITMENT_TYPES.join(', ')}.`));
    }
    const resolved = resolveSubject({ type: command.subject?.type as SubjectType, name: command.subject?.name ?? '', uscc: command.subject?.uscc, idNumber: command.subject?.idNumber });
    if (!resolved.ok) errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    const content = command.content?.trim() ?? '';
    if (!content || content.length > MAX_CONTENT) errors.push(err('CONTENT_REQUIRED', 'content', '须填写承诺内容（不超过4000字）', 'The commitment content is required (at most 4,000 characters).'));
    const matter = command.matter?.trim() ?? '';
    if (!matter || matter.length > MAX_SHORT) errors.push(err('MATTER_REQUIRED', 'matter', '须填写承诺事项（不超过200字）', 'The matter is required (at most 200 characters).'));
    const deadline = command.deadline?.trim() || null;
    if (deadline && !isValidIsoDate(deadline)) errors.push(err('DEADLINE_INVALID', 'deadline', '履约期限须为有效日期 (YYYY-MM-DD)', 'The deadline must be a valid date (YYYY-MM-DD).'));
    else if (deadline && deadline < today) errors.push(err('DEADLINE_IN_PAST', 'deadline', '履约期限不能早于今天', 'The deadline cannot be in the past.'));
    const recordIds = [...new Set(command.recordIds ?? [])];
    if (recordIds.some((id) => !isUuid(id))) errors.push(err('RECORD_ID_INVALID', 'recordIds', '信用记录编号无效', 'A record id is not valid.'));
    const repairApplicationId = command.repairApplicationId?.trim() || null;
    if ((repairApplicationId || recordIds.length > 0) && type !== 'CREDIT_REPAIR') {
      errors.push(err('REPAIR_LINK_NOT_ALLOWED', 'repairApplicationId', '只有信用修复承诺可关联修复申请或记录', 'Only a CREDIT_REPAIR commitment may name a repair application or records.'));
    }
    if (errors.length > 0 || !resolved.ok) throw AppError.validation(errors);
    const subject = resolved.subject;
    const requestHash = createHash('sha256')
      .update(canonicalJson({ type, subjectKey: subject.key, name: subject.name, content, matter, deadline, repairApplicationId, recordIds } as never))
      .digest('hex');

    const existing = await this.byIdempotencyKey(department, key, requestHash);
    if (existing) return existing;
    const policy = this.policies.resolve(this.deps.config.jurisdiction, today);
    const format = policy.parameters.commitmentCode;
    try {
      return await this.uow.run(async (tx) => {
        const [{ last_serial: serial }] = (await tx.manager.query(
          `INSERT INTO record_collection.commitment_serial (region, day, last_serial) VALUES ($1, $2, 1)
           ON CONFLICT (region, day) DO UPDATE SET last_serial = commitment_serial.last_serial + 1 RETURNING last_serial`,
          [this.deps.config.jurisdiction, today],
        )) as { last_serial: number }[];
        const exhausted = serialExhausted(serial, format);
        if (exhausted) throw new AppError('CONFLICT', [exhausted]);
        const commitment = tx.manager.create(CommitmentEntity, {
          id: randomUUID(),
          code: commitmentCode(this.deps.config.jurisdiction, today, serial, format),
          type,
          subjectKey: subject.key,
          subjectType: subject.type,
          subjectName: subject.name,
          uscc: subject.uscc ?? null,
          idNumber: subject.idNumber ?? null,
          maskedIdNumber: subject.maskedIdNumber ?? null,
          content,
          matter,
          deadline,
          receivingDepartmentId: department,
          idempotencyKey: key,
          requestHash,
          repairApplicationId,
          recordIds,
          madeOn: today,
          status: 'PENDING',
          fulfilmentDate: null,
          note: null,
          breachRecordId: null,
          fulfilmentRecordedAt: null,
          policyVersion: policy.versionIds.join('+'),
        });
        await tx.manager.insert(CommitmentEntity, commitment);
        const saved = (await tx.manager.findOne(CommitmentEntity, { where: { id: commitment.id } }))!;
        tx.emit({
          definition: Events.CommitmentMade,
          subjectKey: subject.key,
          id: `commitment-${saved.id}-made`,
          payload: {
            commitmentId: saved.id,
            commitmentCode: saved.code,
            type: commitmentTypeToProto(saved.type),
            subject: subjectRef(saved),
            content,
            matter,
            deadline: deadline ?? '',
            receivingDepartmentId: department,
            repairApplicationId: repairApplicationId ?? '',
            recordIds,
            madeOn: today,
            jurisdiction: this.deps.config.jurisdiction,
            policyVersion: saved.policyVersion,
            madeAt: saved.createdAt.toISOString(),
          },
        });
        return saved;
      });
    } catch (error) {
      // A concurrent request with the same key won: answer as it did.
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        const winner = await this.byIdempotencyKey(department, key, requestHash);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /**
   * The receiving department records the fulfilment once. BREACHED stores an adverse record of the subject
   * (catalogue item COMMITMENT_BREACH, provider = the receiving department) in the same transaction.
   */
  async recordFulfilment(command: RecordFulfilmentCommand): Promise<CommitmentEntity> {
    const commitment = await this.get(command.commitmentId);
    if (commitment.receivingDepartmentId !== command.departmentId?.trim()) {
      throw AppError.one('FORBIDDEN', 'COMMITMENT_NOT_RECEIVED', '只有受理承诺的部门可以记录履约情况', 'Only the department that received the commitment may record its fulfilment.', 'commitmentId');
    }
    const status = command.status as FulfilmentStatusValue;
    const today = this.clock.today();
    const date = command.fulfilmentDate?.trim() ?? '';
    const note = command.note?.trim() ?? '';
    const errors: DomainError[] = [];
    if (!FULFILMENT_OUTCOMES.includes(status)) {
      errors.push(err('FULFILMENT_STATUS_INVALID', 'status', '履约状态须为 FULFILLED/PARTIALLY_FULFILLED/BREACHED', 'The status must be FULFILLED, PARTIALLY_FULFILLED or BREACHED.'));
    }
    if (!isValidIsoDate(date)) errors.push(err('FULFILMENT_DATE_INVALID', 'fulfilmentDate', '履约日期须为有效日期 (YYYY-MM-DD)', 'The fulfilment date must be a valid date (YYYY-MM-DD).'));
    else if (date > today) errors.push(err('FULFILMENT_DATE_IN_FUTURE', 'fulfilmentDate', '履约日期不能晚于今天', 'The fulfilment date cannot be in the future.'));
    else if (date < commitment.madeOn) errors.push(err('FULFILMENT_DATE_BEFORE_COMMITMENT', 'fulfilmentDate', '履约日期不能早于承诺日期', 'The fulfilment date cannot be before the commitment was made.'));
    if (note.length > MAX_CONTENT) errors.push(err('NOTE_TOO_LONG', 'note', '说明不超过4000字', 'The note is at most 4,000 characters.'));
    if (status === 'BREACHED' && !note) errors.push(err('NOTE_REQUIRED', 'note', '未履约须说明情况', 'A breach needs a note.'));
    const severity = command.severity ? (command.severity as SeverityTier) : BREACH_SEVERITY[commitment.type];
    if (command.severity && !(command.severity in SeverityTier)) errors.push(err('SEVERITY_INVALID', 'severity', '失信程度须为 MINOR/GENERAL/SERIOUS', 'Severity must be MINOR, GENERAL or SERIOUS.'));
    if (errors.length > 0) throw AppError.validation(errors);
    if (commitment.status !== 'PENDING') return this.alreadyRecorded(commitment, status, date, note);

    // Validated before the transaction (the catalogue is read on its own connection).
    const breach =
      status === 'BREACHED'
        ? await this.records.prepareRows(commitment.receivingDepartmentId, [
            {
              catalogueItemCode: COMMITMENT_BREACH_ITEM,
              subject: { type: commitment.subjectType, name: commitment.subjectName, uscc: commitment.uscc ?? undefined, idNumber: commitment.idNumber ?? undefined },
              decisionNumber: commitment.code,
              decisionDate: date,
              severity,
              fields: {
                authority: commitment.receivingDepartmentId,
                commitmentCode: commitment.code,
                commitmentType: commitment.type,
                commitmentTypeName: COMMITMENT_TYPE_LABELS[commitment.type],
                content: commitment.content,
                matter: commitment.matter,
                ...(commitment.deadline ? { deadline: commitment.deadline } : {}),
                breachNote: note,
              },
            },
          ])
        : null;
    if (breach && breach.rejected.length > 0) {
      const [rejected] = breach.rejected;
      throw new AppError(rejected.outcome === 'REJECTED' ? rejected.kind : 'VALIDATION', rejected.outcome === 'REJECTED' ? rejected.errors : []);
    }
    return this.uow.run(async (tx) => {
      const locked = await tx.manager.findOne(CommitmentEntity, { where: { id: commitment.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw notFound();
      if (locked.status !== 'PENDING') return this.alreadyRecorded(locked, status, date, note);
      let breachRecordId: string | null = null;
      if (breach) {
        const [stored] = await this.records.storePrepared(tx, locked.receivingDepartmentId, breach.valid);
        if (stored.outcome === 'REJECTED') throw new AppError(stored.kind, stored.errors);
        breachRecordId = stored.recordId;
      }
      const recordedAt = new Date();
      await tx.manager.update(CommitmentEntity, { id: locked.id }, { status, fulfilmentDate: date, note: note || null, breachRecordId, fulfilmentRecordedAt: recordedAt });
      const saved = (await tx.manager.findOne(CommitmentEntity, { where: { id: locked.id } }))!;
      tx.emit({
        definition: Events.CommitmentFulfilmentRecorded,
        subjectKey: saved.subjectKey,
        id: `commitment-${saved.id}-fulfilment`,
        payload: {
          commitmentId: saved.id,
          commitmentCode: saved.code,
          type: commitmentTypeToProto(saved.type),
          subject: subjectRef(saved),
          status: fulfilmentStatusToProto(status),
          fulfilmentDate: date,
          note,
          receivingDepartmentId: saved.receivingDepartmentId,
          breachRecordId: breachRecordId ?? '',
          repairApplicationId: saved.repairApplicationId ?? '',
          recordIds: saved.recordIds,
          recordedAt: recordedAt.toISOString(),
        },
      });
      return saved;
    });
  }

  /** By id (UUID) or commitment code. */
  async get(idOrCode: string): Promise<CommitmentEntity> {
    const value = idOrCode?.trim() ?? '';
    const repository = this.dataSource.getRepository(CommitmentEntity);
    const found = isUuid(value) ? await repository.findOne({ where: { id: value } }) : value ? await repository.findOne({ where: { code: value } }) : null;
    if (!found) throw notFound();
    return found;
  }

  /** Newest first (by code: region + date + serial), by subject or by receiving department. */
  async list(filter: { subjectKey?: string; departmentId?: string; pageSize?: number; cursor?: string }): Promise<CommitmentPage> {
    const subjectKey = filter.subjectKey?.trim() || undefined;
    const departmentId = filter.departmentId?.trim() || undefined;
    if (!subjectKey === !departmentId) {
      throw AppError.one('VALIDATION', 'FILTER_REQUIRED', '须按主体或受理部门查询（二选一）', 'Give either a subject key or a department.', 'subjectKey');
    }
    const size = Math.min(Math.max(filter.pageSize || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const after = filter.cursor ? Buffer.from(filter.cursor, 'base64url').toString('utf8') : '';
    if (filter.cursor && !/^\d{20}$/.test(after)) throw AppError.one('VALIDATION', 'CURSOR_INVALID', '分页游标无效', 'The cursor is invalid.', 'cursor');
    const query = this.dataSource
      .getRepository(CommitmentEntity)
      .createQueryBuilder('c')
      .where(subjectKey ? 'c.subject_key = :subjectKey' : 'c.receiving_department_id = :departmentId', { subjectKey, departmentId })
      .orderBy('c.code', 'DESC')
      .take(size + 1);
    if (after) query.andWhere('c.code < :after', { after });
    const rows = await query.getMany();
    const page = rows.slice(0, size);
    return { commitments: page, nextCursor: rows.length > size ? Buffer.from(page[page.length - 1].code, 'utf8').toString('base64url') : '' };
  }

  private async byIdempotencyKey(department: string, key: string, requestHash: string): Promise<CommitmentEntity | null> {
    const found = await this.dataSource.getRepository(CommitmentEntity).findOne({ where: { receivingDepartmentId: department, idempotencyKey: key } });
    if (found && found.requestHash !== requestHash) {
      throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于内容不同的承诺', 'The idempotency key was used for a different commitment.', 'idempotencyKey');
    }
    return found;
  }

  /** Recorded once: the same outcome again is a no-op, another one a conflict. */
  private alreadyRecorded(commitment: CommitmentEntity, status: FulfilmentStatusValue, date: string, note: string): CommitmentEntity {
    if (commitment.status === status && commitment.fulfilmentDate === date && (commitment.note ?? '') === note) return commitment;
    throw AppError.one(
      'CONFLICT',
      'FULFILMENT_ALREADY_RECORDED',
      `该承诺的履约情况已记录为 ${commitment.status}`,
      `The fulfilment of this commitment is already recorded as ${commitment.status}.`,
      'status',
    );
  }
}

export function subjectRef(c: CommitmentEntity): SubjectRef {
  return { key: c.subjectKey, type: subjectTypeToProto(c.subjectType), name: c.subjectName, uscc: c.uscc ?? '', maskedIdNumber: c.maskedIdNumber ?? '' };
}

export function commitmentTypeToProto(type: string): CommitmentType {
  return (CommitmentType as unknown as Record<string, number>)[`COMMITMENT_TYPE_${type}`] ?? CommitmentType.COMMITMENT_TYPE_UNSPECIFIED;
}

export function commitmentTypeName(type: CommitmentType): string | undefined {
  const name = CommitmentType[type] as string | undefined;
  return name && type !== CommitmentType.COMMITMENT_TYPE_UNSPECIFIED ? name.replace('COMMITMENT_TYPE_', '') : undefined;
}

export function fulfilmentStatusToProto(status: string): FulfilmentStatus {
  return (FulfilmentStatus as unknown as Record<string, number>)[`FULFILMENT_STATUS_${status}`] ?? FulfilmentStatus.FULFILMENT_STATUS_UNSPECIFIED;
}

export function fulfilmentStatusName(status: FulfilmentStatus): string | undefined {
  const name = FulfilmentStatus[status] as string | undefined;
  return name && status !== FulfilmentStatus.FULFILMENT_STATUS_UNSPECIFIED ? name.replace('FULFILMENT_STATUS_', '') : undefined;
}

function notFound(): AppError {
  return AppError.one('NOT_FOUND', 'COMMITMENT_NOT_FOUND', '没有此信用承诺', 'No such credit commitment.', 'commitmentId');
}
