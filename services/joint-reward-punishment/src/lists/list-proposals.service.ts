import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalJson, resolveSubject, type ListTypeCode, type SubjectType } from '@credit/domain';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import { UnitOfWork } from '@credit/messaging';
import { AppError, type ErrorDetail } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { JrpClock } from './clock';
import { ListEntryEntity, ListEntryTransitionEntity, ListNoticeEntity } from './list-entry.entity';
import { ListEntriesService } from './list-entries.service';

export interface ProposeCommand {
  identifyingDepartmentId: string;
  listType?: string;
  subject: { type: string; name: string; uscc?: string; idNumber?: string };
  basisRecordIds: string[];
  basisText: string;
  reason: string;
  idempotencyKey?: string;
}

const LIST_TYPES: readonly ListTypeCode[] = ['RED', 'SERIOUS_DISHONESTY', 'KEY_ATTENTION'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const err = (code: string, field: string, zh: string, en: string): ErrorDetail => ({ code, field, message: { zh, en } });

/** Department proposals (认定部门) and the read side: a subject's entries, one entry with its history, its notice. */
@Injectable()
export class ListProposalsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly entries: ListEntriesService,
    private readonly clock: JrpClock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async propose(command: ProposeCommand): Promise<ListEntryEntity> {
    const errors: ErrorDetail[] = [];
    const department = command.identifyingDepartmentId?.trim() ?? '';
    if (!department) errors.push(err('DEPARTMENT_REQUIRED', 'identifyingDepartmentId', '认定部门不能为空', 'The identifying department is required.'));
    const listType = LIST_TYPES.find((t) => t === command.listType);
    if (!listType) errors.push(err('LIST_TYPE_INVALID', 'listType', '名单类型须为 RED / SERIOUS_DISHONESTY / KEY_ATTENTION', 'The list type must be RED, SERIOUS_DISHONESTY or KEY_ATTENTION.'));
    const resolved = resolveSubject({ type: command.subject.type as SubjectType, name: command.subject.name, uscc: command.subject.uscc, idNumber: command.subject.idNumber });
    if (!resolved.ok) errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    const reason = command.reason?.trim() ?? '';
    if (!reason || reason.length > 2000) errors.push(err('REASON_REQUIRED', 'reason', '列入事由不能为空且不超过2000字', 'A reason is required (at most 2000 characters).'));
    const basisRecordIds = [...new Set(command.basisRecordIds.map((id) => id.trim()).filter(Boolean))];
    const basisText = command.basisText?.trim() ?? '';
    if (basisRecordIds.length === 0 && !basisText) {
      errors.push(err('BASIS_REQUIRED', 'basisText', '须提供认定依据或所依据的信用信息', 'Name the basis records or give the basis text.'));
    }
    if (errors.length > 0 || !resolved.ok || !listType) throw AppError.validation(errors);
    const subject = resolved.subject;
    const idempotencyKey = command.idempotencyKey?.trim() || undefined;
    const requestHash = createHash('sha256')
      .update(canonicalJson({ listType, subject: subject.key, basisRecordIds: [...basisRecordIds].sort(), basisText, reason }))
      .digest('hex');

    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run(async (tx) => {
          if (idempotencyKey) {
            const previous = await tx.manager.findOneBy(ListEntryEntity, { identifyingDepartmentId: department, idempotencyKey });
            if (previous) {
              if (previous.requestHash !== requestHash) {
                throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '幂等键已用于不同的请求', 'The idempotency key was used for a different request.', 'idempotencyKey');
              }
              return previous;
            }
          }
          const open = await tx.manager
            .createQueryBuilder(ListEntryEntity, 'e')
            .where("e.subject_key = :key AND e.list_type = :listType AND e.status <> 'ENDED' AND e.related_to_entry_id IS NULL", { key: subject.key, listType })
            .getOne();
          if (open) {
            throw AppError.one('CONFLICT', 'ALREADY_LISTED', `该主体已有未结束的名单条目（${open.id}）`, `The subject already has an open entry on this list (${open.id}).`, 'subject');
          }
          return this.entries.create(tx, {
            subject: { key: subject.key, type: subject.type === 'NATURAL_PERSON' ? 'NATURAL_PERSON' : 'LEGAL_PERSON', name: subject.name, uscc: subject.uscc ?? null, maskedIdNumber: subject.maskedIdNumber ?? null },
            listType,
            rule: null,
            identifyingDepartmentId: department,
            basisText: basisText || '见所依据的信用信息',
            reason,
            basisRecordIds,
            jurisdiction: this.entries.jurisdiction,
            noticeDay: this.clock.today(),
            actor: department,
            idempotencyKey,
            requestHash,
          });
        });
      } catch (error) {
        // Two identical proposals racing: the loser finds the winner's entry on the next pass.
        if (attempt < 3 && pgErrorCode(error) === PgErrorCode.UniqueViolation) continue;
        throw error;
      }
    }
  }

  async subjectEntries(input: { type: string; name: string; uscc?: string; idNumber?: string }, includeEnded: boolean): Promise<ListEntryEntity[]> {
    const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    const qb = this.dataSource.getRepository(ListEntryEntity).createQueryBuilder('e').where('e.subject_key = :key', { key: resolved.subject.key });
    if (!includeEnded) qb.andWhere("e.status <> 'ENDED'");
    return qb.orderBy('e.created_at', 'DESC').getMany();
  }

  async entry(entryId: string): Promise<{ entry: ListEntryEntity; transitions: ListEntryTransitionEntity[] }> {
    const entry = UUID.test(entryId) ? await this.dataSource.getRepository(ListEntryEntity).findOneBy({ id: entryId }) : null;
    if (!entry) throw AppError.one('NOT_FOUND', 'LIST_ENTRY_NOT_FOUND', '名单条目不存在', 'No such list entry.', 'entryId');
    const transitions = await this.dataSource.getRepository(ListEntryTransitionEntity).find({ where: { entryId }, order: { sequence: 'ASC' } });
    return { entry, transitions };
  }

  async notice(entryId: string): Promise<ListNoticeEntity> {
    const notice = UUID.test(entryId) ? await this.dataSource.getRepository(ListNoticeEntity).findOneBy({ entryId }) : null;
    if (!notice) throw AppError.one('NOT_FOUND', 'LIST_NOTICE_NOT_FOUND', '该名单条目没有告知书', 'No notice for this list entry.', 'entryId');
    return notice;
  }

  get manager() {
    return this.dataSource.manager;
  }
}
