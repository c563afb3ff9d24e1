import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ObjectionOutcomeNames,
  ObjectionTargetTypeNames,
  subjectTypeToProto,
  type DepartmentObjectionStatistics,
  type ListObjectionsResponse,
  type ObjectionNotification,
  type ObjectionStatisticsResponse,
  type ObjectionView,
} from '@credit/contracts';
import { chinaDateOf, isOverdue, isValidIsoDate } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ObjectionAttachmentEntity,
  ObjectionEntity,
  ObjectionHistoryEntity,
  ObjectionNotificationEntity,
  ObjectionStatementEntity,
} from './objection.entities';
import { OBJECTION_CLOCK, OBJECTION_SETTINGS, type Clock, type ObjectionSettings } from './objection.settings';

export interface ListObjectionsQuery {
  departmentId?: string;
  requesterDepartmentId?: string;
  status?: string;
  subjectKey?: string;
  pageSize?: number;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['OPEN', 'RESOLVED'];

const badCursor = () => AppError.one('VALIDATION', 'CURSOR_INVALID', '分页游标无效', 'The cursor is invalid.', 'cursor');

function encodeCursor(o: ObjectionEntity): string {
  return Buffer.from(JSON.stringify([o.filedAt.toISOString(), o.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id)) throw badCursor();
    return [at, id];
  } catch {
    throw badCursor();
  }
}

/** Reads: one objection with its statements and history, lists for departments, supervision statistics. */
@Injectable()
export class ObjectionQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OBJECTION_SETTINGS) private readonly settings: ObjectionSettings,
    @Inject(OBJECTION_CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return chinaDateOf(this.clock());
  }

  async get(objectionId: string, manager: EntityManager = this.dataSource.manager): Promise<ObjectionView> {
    const objection = UUID.test(objectionId ?? '') ? await manager.findOne(ObjectionEntity, { where: { id: objectionId } }) : null;
    if (!objection) throw AppError.one('NOT_FOUND', 'OBJECTION_NOT_FOUND', '未找到该异议', 'No objection with this id.', 'objectionId');
    const [statements, attachments, history] = await Promise.all([
      manager.find(ObjectionStatementEntity, { where: { objectionId }, order: { sequence: 'ASC' } }),
      manager.find(ObjectionAttachmentEntity, {
        where: { objectionId },
        select: { objectionId: true, statementSequence: true, index: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true },
        order: { statementSequence: 'ASC', index: 'ASC' },
      }),
      manager.find(ObjectionHistoryEntity, { where: { objectionId }, order: { id: 'ASC' } }),
    ]);
    return {
      ...this.view(objection),
      statements: statements.map((s) => ({
        sequence: s.sequence,
        requesterDepartmentId: s.requesterDepartmentId,
        grounds: s.grounds,
        statement: s.statement,
        contact: s.contact,
        attachments: attachments
          .filter((a) => a.statementSequence === s.sequence)
          .map((a) => ({ index: a.index, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256 })),
        filedAt: s.filedAt.toISOString(),
      })),
      history: history.map((h, i) => ({ sequence: i + 1, kind: h.kind, at: h.at.toISOString(), actor: h.actor, detailJson: JSON.stringify(h.detail) })),
    };
  }

  async list(query: ListObjectionsQuery): Promise<ListObjectionsResponse> {
    const size = query.pageSize ? query.pageSize : this.settings.defaultPageSize;
    if (!Number.isInteger(size) || size < 1 || size > this.settings.maxPageSize) {
      throw AppError.one('VALIDATION', 'PAGE_SIZE_INVALID', `每页条数须在 1 到 ${this.settings.maxPageSize} 之间`, `The page size must be between 1 and ${this.settings.maxPageSize}.`, 'pageSize');
    }
    if (query.status && !STATUSES.includes(query.status)) {
      throw AppError.one('VALIDATION', 'STATUS_INVALID', '状态须为 OPEN 或 RESOLVED', 'The status must be OPEN or RESOLVED.', 'status');
    }
    const qb = this.dataSource.manager.createQueryBuilder(ObjectionEntity, 'o');
    if (query.departmentId) qb.andWhere('o.verifyingDepartmentId = :department', { department: query.departmentId });
    if (query.requesterDepartmentId) qb.andWhere('o.requesterDepartmentId = :requester', { requester: query.requesterDepartmentId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.subjectKey) qb.andWhere('o.subjectKey = :subjectKey', { subjectKey: query.subjectKey });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere('(o.filedAt, o.id) < (:at, :id)', { at: new Date(at), id });
    }
    const rows = await qb.orderBy('o.filedAt', 'DESC').addOrderBy('o.id', 'DESC').take(size + 1).getMany();
    const page = rows.slice(0, size);
    return {
      objections: page.map((o) => this.view(o)),
      nextCursor: rows.length > size ? encodeCursor(page[page.length - 1]) : '',
    };
  }

  async statistics(departmentId?: string, asOfInput?: string): Promise<ObjectionStatisticsResponse> {
    const asOf = asOfInput || this.today();
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'AS_OF_INVALID', '日期须为 YYYY-MM-DD', 'asOf must be a YYYY-MM-DD date.', 'asOf');
    const params: unknown[] = [asOf];
    const filter = departmentId ? 'WHERE verifying_department_id = $2' : '';
    if (departmentId) params.push(departmentId);
    const rows = await this.dataSource.query<
      { department_id: string; open: number; overdue: number; escalated: number; resolved: number; marked_late: number; median_days: number | null }[]
    >(
      `SELECT verifying_department_id AS department_id,
              count(*) FILTER (WHERE status = 'OPEN')::int AS open,
              count(*) FILTER (WHERE status = 'OPEN' AND verification_due < $1::date)::int AS overdue,
              count(*) FILTER (WHERE escalated)::int AS escalated,
              count(*) FILTER (WHERE status = 'RESOLVED')::int AS resolved,
              count(*) FILTER (WHERE NOT marked_on_time)::int AS marked_late,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY decision_date - filing_date) FILTER (WHERE status = 'RESOLVED') AS median_days
         FROM objection.objection ${filter}
        GROUP BY verifying_department_id ORDER BY verifying_department_id`,
      params,
    );
    const outcomes = await this.dataSource.query<{ department_id: string; outcome: string; count: number }[]>(
      `SELECT verifying_department_id AS department_id, outcome, count(*)::int AS count
         FROM objection.objection WHERE status = 'RESOLVED' ${departmentId ? 'AND verifying_department_id = $1' : ''}
        GROUP BY verifying_department_id, outcome ORDER BY outcome`,
      departmentId ? [departmentId] : [],
    );
    const departments: DepartmentObjectionStatistics[] = rows.map((r) => ({
      departmentId: r.department_id,
      open: r.open,
      overdue: r.overdue,
      escalated: r.escalated,
      resolved: r.resolved,
      markedLate: r.marked_late,
      medianHandlingDays: r.median_days === null ? 0 : Number(r.median_days),
      outcomes: outcomes
        .filter((o) => o.department_id === r.department_id)
        .map((o) => ({ outcome: ObjectionOutcomeNames.toProto(o.outcome), count: o.count, share: r.resolved ? o.count / r.resolved : 0 })),
    }));
    return { asOf, departments };
  }

  async notifications(departmentId: string, since?: string): Promise<ObjectionNotification[]> {
    if (!departmentId?.trim()) throw AppError.one('VALIDATION', 'DEPARTMENT_REQUIRED', '部门不能为空', 'The department is required.', 'departmentId');
    if (since && !isValidIsoDate(since)) throw AppError.one('VALIDATION', 'SINCE_INVALID', '日期须为 YYYY-MM-DD', 'since must be a YYYY-MM-DD date.', 'since');
    const qb = this.dataSource.manager
      .createQueryBuilder(ObjectionNotificationEntity, 'n')
      .where('n.departmentId = :departmentId', { departmentId: departmentId.trim() });
    if (since) qb.andWhere('n.date >= :since', { since });
    const rows = await qb.orderBy('n.date', 'ASC').addOrderBy('n.objectionId', 'ASC').addOrderBy('n.kind', 'ASC').take(1000).getMany();
    return rows.map((n) => ({ departmentId: n.departmentId, kind: n.kind, objectionId: n.objectionId, date: n.date, verificationDue: n.verificationDue }));
  }

  /** The list form of an objection (no statements or history). */
  view(o: ObjectionEntity): ObjectionView {
    return {
      objectionId: o.id,
      status: o.status,
      targetType: ObjectionTargetTypeNames.toProto(o.targetType),
      targetId: o.targetId,
      targetVersion: o.targetVersion,
      subject: {
        key: o.subjectKey,
        type: subjectTypeToProto(o.subjectType),
        name: o.subjectName,
        uscc: o.subjectUscc ?? '',
        maskedIdNumber: o.subjectMaskedIdNumber ?? '',
      },
      grounds: o.grounds,
      requesterDepartmentId: o.requesterDepartmentId,
      verifyingDepartmentId: o.verifyingDepartmentId,
      filedAt: o.filedAt.toISOString(),
      filingDate: o.filingDate,
      markedAt: o.markedAt.toISOString(),
      markingDue: o.markingDue,
      markedOnTime: o.markedOnTime,
      verificationDue: o.verificationDue,
      verificationDayKind: o.verificationDayKind,
      policyVersion: o.policyVersion,
      escalated: o.escalated,
      overdue: o.status === 'OPEN' && isOverdue(o.verificationDue, this.today()),
      outcome: ObjectionOutcomeNames.toProto(o.outcome),
      reasons: o.reasons ?? '',
      correctedFieldsJson: o.correctedFields ? JSON.stringify(o.correctedFields) : '',
      decidedBy: o.decidedBy ?? '',
      decidedAt: o.decidedAt?.toISOString() ?? '',
      statements: [],
      history: [],
    };
  }
}
