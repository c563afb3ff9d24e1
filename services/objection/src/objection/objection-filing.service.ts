import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Events, ObjectionTargetTypeNames, subjectTypeToProto, type ObjectionTargetTypeName } from '@credit/contracts';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import {
  CalendarRangeError,
  canonicalJson,
  chinaDateOf,
  compareDates,
  isObjectionGrounds,
  objectionDeadlines,
  OBJECTION_GROUNDS,
  validateAttachments,
  type DomainError,
  type PolicyRegistry,
  type WorkingDayCalendar,
} from '@credit/domain';
import { UnitOfWork, type Transaction } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import {
  ObjectionAttachmentEntity,
  ObjectionEntity,
  ObjectionFilingEntity,
  ObjectionHistoryEntity,
  ObjectionStatementEntity,
  ObjectionTargetEntity,
} from './objection.entities';
import { OBJECTION_CALENDAR, OBJECTION_CLOCK, OBJECTION_POLICIES, OBJECTION_SETTINGS, type Clock, type ObjectionSettings } from './objection.settings';

export interface FileObjectionCommand {
  requesterDepartmentId: string;
  idempotencyKey: string;
  targetType: string;
  targetId: string;
  /** 0 or absent: the current version. */
  targetVersion?: number;
  grounds: string;
  statement: string;
  contact?: { name?: string; phone?: string; email?: string; address?: string };
  attachments?: { fileName: string; mediaType: string; contentBase64: string }[];
}

export interface FileObjectionResult {
  objectionId: string;
  merged: boolean;
}

interface DecodedAttachment {
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });
const MAX_STATEMENT = 5000;
const MAX_KEY = 200;

/** Records states that still open a target to objection; a revoked record is void. */
const NOT_OBJECTABLE = new Set(['RECORD:REVOKED']);

/**
 * Filing (异议申请): validates once, then in one transaction stores the objection (or merges it into the
 * one open on the same target), marks the target (ObjectionMarked through the outbox) and records the
 * idempotency key.
 */
@Injectable()
export class ObjectionFilingService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    @Inject(OBJECTION_SETTINGS) private readonly settings: ObjectionSettings,
    @Inject(OBJECTION_POLICIES) private readonly policies: PolicyRegistry,
    @Inject(OBJECTION_CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(OBJECTION_CLOCK) private readonly clock: Clock,
  ) {}

  async file(command: FileObjectionCommand): Promise<FileObjectionResult> {
    const { targetType, attachments } = this.validate(command);
    const requestHash = this.requestHash(command, targetType, attachments);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run((tx) => this.store(tx, command, targetType, attachments, requestHash));
      } catch (error) {
        // Two filings racing (same key, or the first objection on a target): the loser sees the winner's row.
        if (attempt < 3 && pgErrorCode(error) === PgErrorCode.UniqueViolation) continue;
        throw error;
      }
    }
  }

  private validate(command: FileObjectionCommand): { targetType: ObjectionTargetTypeName; attachments: DecodedAttachment[] } {
    const errors: DomainError[] = [];
    if (!command.requesterDepartmentId?.trim()) {
      errors.push(err('REQUESTER_REQUIRED', 'requesterDepartmentId', '申请部门不能为空', 'The requester department is required.'));
    }
    const key = command.idempotencyKey?.trim() ?? '';
    if (!key || key.length > MAX_KEY) {
      errors.push(err('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey', `幂等键不能为空且不超过${MAX_KEY}字`, `The idempotency key is required (at most ${MAX_KEY} characters).`));
    }
    const targetType = command.targetType as ObjectionTargetTypeName;
    if (!ObjectionTargetTypeNames.names.includes(targetType)) {
      errors.push(err('TARGET_TYPE_INVALID', 'targetType', '异议对象类型须为 信用记录 或 名单 (RECORD/LIST_ENTRY)', 'The target type must be RECORD or LIST_ENTRY.'));
    }
    if (!command.targetId?.trim()) errors.push(err('TARGET_ID_REQUIRED', 'targetId', '异议对象不能为空', 'The target id is required.'));
    if (command.targetVersion !== undefined && (!Number.isInteger(command.targetVersion) || command.targetVersion < 0)) {
      errors.push(err('TARGET_VERSION_INVALID', 'targetVersion', '记录版本须为非负整数', 'The record version must be a non-negative integer.'));
    }
    if (!isObjectionGrounds(command.grounds ?? '')) {
      errors.push(err('GROUNDS_INVALID', 'grounds', `异议理由须为 ${OBJECTION_GROUNDS.join('/')}`, `The grounds must be one of ${OBJECTION_GROUNDS.join(', ')}.`));
    }
    const statement = command.statement?.trim() ?? '';
    if (!statement || statement.length > MAX_STATEMENT) {
      errors.push(err('STATEMENT_REQUIRED', 'statement', `异议陈述不能为空且不超过${MAX_STATEMENT}字`, `The statement is required (at most ${MAX_STATEMENT} characters).`));
    }
    const contact = command.contact;
    if (!contact?.name?.trim() || !(contact.phone?.trim() || contact.email?.trim() || contact.address?.trim())) {
      errors.push(err('CONTACT_REQUIRED', 'contact', '须提供联系人及电话、邮箱或地址之一', 'A contact name and a phone number, e-mail or address are required.'));
    }
    const uploads = command.attachments ?? [];
    const decoded = new Map<number, Buffer>();
    const decode = (i: number) => {
      let content = decoded.get(i);
      if (!content) decoded.set(i, (content = Buffer.from(uploads[i].contentBase64, 'base64')));
      return content;
    };
    errors.push(...validateAttachments(uploads, this.settings.attachments, (i) => decode(i).subarray(0, 16)));
    if (errors.length > 0) throw AppError.validation(errors);
    const attachments = uploads.map((u, i) => {
      const content = decode(i);
      return { fileName: u.fileName.trim(), mediaType: u.mediaType, content, sha256: createHash('sha256').update(content).digest('hex') };
    });
    return { targetType, attachments };
  }

  private requestHash(command: FileObjectionCommand, targetType: string, attachments: DecodedAttachment[]): string {
    const body = {
      targetType,
      targetId: command.targetId.trim(),
      targetVersion: command.targetVersion ?? 0,
      grounds: command.grounds,
      statement: command.statement.trim(),
      contact: this.contactOf(command),
      attachments: attachments.map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sha256: a.sha256 })),
    };
    return createHash('sha256').update(canonicalJson(body)).digest('hex');
  }

  private contactOf(command: FileObjectionCommand) {
    const c = command.contact ?? {};
    return { name: c.name?.trim() ?? '', phone: c.phone?.trim() ?? '', email: c.email?.trim() ?? '', address: c.address?.trim() ?? '' };
  }

  private async store(
    tx: Transaction,
    command: FileObjectionCommand,
    targetType: ObjectionTargetTypeName,
    attachments: DecodedAttachment[],
    requestHash: string,
  ): Promise<FileObjectionResult> {
    const { manager } = tx;
    const requester = command.requesterDepartmentId.trim();
    const idempotencyKey = command.idempotencyKey.trim();
    const previous = await manager.findOne(ObjectionFilingEntity, { where: { requesterDepartmentId: requester, idempotencyKey } });
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于内容不同的异议申请', 'This idempotency key was already used for a different filing.', 'idempotencyKey');
      }
      return { objectionId: previous.objectionId, merged: previous.merged };
    }

    // Locking the target serialises filings on it: the second of two concurrent filings merges.
    const target = await manager.findOne(ObjectionTargetEntity, {
      where: { targetType, targetId: command.targetId.trim() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!target) {
      throw AppError.one('NOT_FOUND', 'TARGET_NOT_FOUND', '未找到异议对象', `No ${targetType === 'RECORD' ? 'record' : 'list entry'} with this id.`, 'targetId');
    }
    if (NOT_OBJECTABLE.has(`${targetType}:${target.status}`)) {
      throw AppError.one('CONFLICT', 'TARGET_NOT_OBJECTABLE', '该信用记录已撤销，不能提出异议', 'The record has been revoked and cannot be objected to.', 'targetId');
    }
    const targetVersion = targetType === 'RECORD' ? target.version : 0;
    if (targetType === 'RECORD' && command.targetVersion && command.targetVersion !== target.version) {
      throw AppError.one(
        'CONFLICT',
        'TARGET_VERSION_NOT_CURRENT',
        `记录已更新为第 ${target.version} 版，请针对当前版本提出异议`,
        `The record is now at version ${target.version}; object to the current version.`,
        'targetVersion',
      );
    }

    const now = this.clock();
    const contact = this.contactOf(command);
    const open = await manager.findOne(ObjectionEntity, {
      where: { targetType, targetId: target.targetId, status: 'OPEN' },
      lock: { mode: 'pessimistic_write' },
    });
    let objectionId: string;
    let sequence: number;
    if (open) {
      objectionId = open.id;
      sequence = open.statementCount + 1;
      await manager.update(ObjectionEntity, { id: open.id }, { statementCount: sequence });
      await manager.insert(ObjectionHistoryEntity, {
        objectionId,
        kind: 'MERGED',
        at: now,
        actor: requester,
        detail: { statementSequence: sequence, grounds: command.grounds, attachments: attachments.length },
      });
    } else {
      objectionId = randomUUID();
      sequence = 1;
      await this.create(tx, objectionId, target, targetVersion, requester, command.grounds, now);
    }
    await manager.insert(ObjectionStatementEntity, {
      objectionId,
      sequence,
      requesterDepartmentId: requester,
      grounds: command.grounds,
      statement: command.statement.trim(),
      contact,
      filedAt: now,
    });
    if (attachments.length > 0) {
      await manager.insert(
        ObjectionAttachmentEntity,
        attachments.map((a, index) => ({
          objectionId,
          statementSequence: sequence,
          index,
          fileName: a.fileName,
          mediaType: a.mediaType,
          sizeBytes: a.content.length,
          sha256: a.sha256,
          content: a.content,
        })),
      );
    }
    await manager.insert(ObjectionFilingEntity, { requesterDepartmentId: requester, idempotencyKey, requestHash, objectionId, merged: Boolean(open), createdAt: now });
    return { objectionId, merged: Boolean(open) };
  }

  /** A new objection: deadlines from the policy in force on the filing date; the target is marked now. */
  private async create(
    tx: Transaction,
    id: string,
    target: ObjectionTargetEntity,
    targetVersion: number,
    requester: string,
    grounds: string,
    now: Date,
  ): Promise<void> {
    const filingDate = chinaDateOf(now);
    const policy = this.policies.resolve(this.deps.config.jurisdiction, filingDate);
    let deadlines;
    try {
      deadlines = objectionDeadlines(filingDate, policy.parameters.objection, this.calendar, this.settings.reminderWorkingDays);
    } catch (error) {
      if (error instanceof CalendarRangeError) {
        throw AppError.one('UNAVAILABLE', 'HOLIDAY_CALENDAR_MISSING', '节假日安排尚未载入，无法计算核查期限', `The holiday schedule needed for the deadline is not loaded: ${error.message}`);
      }
      throw error;
    }
    const markedAt = now;
    const markedOnTime = compareDates(chinaDateOf(markedAt), deadlines.markingDue) <= 0;
    const policyVersion = policy.versionIds.join('+');
    await tx.manager.insert(ObjectionEntity, {
      id,
      status: 'OPEN',
      targetType: target.targetType,
      targetId: target.targetId,
      targetVersion,
      subjectKey: target.subjectKey,
      subjectType: target.subjectType,
      subjectName: target.subjectName,
      subjectUscc: target.subjectUscc,
      subjectMaskedIdNumber: target.subjectMaskedIdNumber,
      grounds,
      requesterDepartmentId: requester,
      verifyingDepartmentId: target.verifyingDepartmentId,
      filedAt: now,
      filingDate,
      markedAt,
      markingDue: deadlines.markingDue,
      markedOnTime,
      verificationDue: deadlines.verificationDue,
      verificationDayKind: policy.parameters.objection.verificationDayKind,
      reminderDate: deadlines.reminderDate,
      policyVersion,
      escalated: false,
      statementCount: 1,
    });
    await tx.manager.insert(ObjectionHistoryEntity, [
      { objectionId: id, kind: 'FILED', at: now, actor: requester, detail: { grounds, verificationDue: deadlines.verificationDue, policyVersion } },
      { objectionId: id, kind: 'MARKED', at: markedAt, actor: 'system', detail: { markingDue: deadlines.markingDue, onTime: markedOnTime } },
    ]);
    tx.emit({
      definition: Events.ObjectionMarked,
      subjectKey: target.subjectKey,
      id: `objection-${id}-marked`,
      payload: {
        objectionId: id,
        subject: {
          key: target.subjectKey,
          type: subjectTypeToProto(target.subjectType),
          name: target.subjectName,
          uscc: target.subjectUscc ?? '',
          maskedIdNumber: target.subjectMaskedIdNumber ?? '',
        },
        targetType: ObjectionTargetTypeNames.toProto(target.targetType),
        targetId: target.targetId,
        targetVersion,
        grounds,
        providerDepartmentId: target.verifyingDepartmentId,
        verificationDue: deadlines.verificationDue,
        filedAt: now.toISOString(),
        markedAt: markedAt.toISOString(),
      },
    });
  }
}
