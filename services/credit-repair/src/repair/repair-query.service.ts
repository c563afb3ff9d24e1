import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainError } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { Brackets, DataSource } from 'typeorm';
import { RepairApplicationEntity, type RepairApplicationStatus } from './repair-application.entity';

export type RepairRole = 'REQUESTED' | 'TO_DECIDE';

export interface ListRepairsQuery {
  /** The department asking (from its token). */
  requesterDepartmentId: string;
  creditOffice: boolean;
  /** REQUESTED: filed by the department; TO_DECIDE: decided by it; empty: both. */
  role?: string;
  /** Credit office only: the department the role refers to (empty: every department). */
  departmentId?: string;
  status?: string;
  subjectKey?: string;
  /** 0 or absent: the default page. */
  pageSize?: number;
  cursor?: string;
}

export interface RepairPage {
  applications: RepairApplicationEntity[];
  nextCursor: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const ROLES: readonly string[] = ['REQUESTED', 'TO_DECIDE'] satisfies RepairRole[];
const STATUSES: readonly string[] = ['REFUSED', 'ACCEPTED', 'APPROVED', 'REJECTED', 'REVOKED'] satisfies RepairApplicationStatus[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });
const badCursor = () => AppError.one('VALIDATION', 'CURSOR_INVALID', '分页游标无效', 'The cursor is invalid.', 'cursor');

/** The cursor is the last row's (created_at, id): stable under inserts, newest first. */
function encodeCursor(a: RepairApplicationEntity): string {
  return Buffer.from(JSON.stringify([a.createdAt.toISOString(), a.id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id)) throw badCursor();
  return [new Date(at), id];
}

/**
 * Department queues of repair applications: what a department filed for subjects (REQUESTED) and what it must
 * decide (TO_DECIDE). A department sees only its own; the credit office every department's.
 */
@Injectable()
export class RepairQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListRepairsQuery): Promise<RepairPage> {
    const own = query.requesterDepartmentId?.trim() ?? '';
    const requested = query.departmentId?.trim() ?? '';
    const size = query.pageSize || DEFAULT_PAGE_SIZE;
    const errors: DomainError[] = [];
    if (!query.creditOffice && !own) errors.push(err('DEPARTMENT_REQUIRED', 'requesterDepartmentId', '须注明查询部门', 'The department asking is required.'));
    if (query.role && !ROLES.includes(query.role)) errors.push(err('ROLE_INVALID', 'role', '角色须为 REQUESTED 或 TO_DECIDE', 'The role must be REQUESTED or TO_DECIDE.'));
    if (query.status && !STATUSES.includes(query.status)) {
      errors.push(err('STATUS_INVALID', 'status', `状态须为 ${STATUSES.join('、')} 之一`, `The status must be one of ${STATUSES.join(', ')}.`));
    }
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      errors.push(err('PAGE_SIZE_INVALID', 'pageSize', `每页条数须在 1 到 ${MAX_PAGE_SIZE} 之间`, `The page size must be between 1 and ${MAX_PAGE_SIZE}.`));
    }
    if (errors.length > 0) throw AppError.validation(errors);
    if (!query.creditOffice && requested && requested !== own) {
      throw AppError.one('FORBIDDEN', 'DEPARTMENT_NOT_ALLOWED', '只能查询本部门的修复申请', 'Only your own department’s repair applications; the credit office sees every department', 'departmentId');
    }
    // A department is always restricted to itself; the credit office to the department it names, if any.
    const department = query.creditOffice ? requested : own;

    const qb = this.dataSource.manager.createQueryBuilder(RepairApplicationEntity, 'a');
    if (department) {
      if (query.role === 'REQUESTED') qb.andWhere('a.requesterDepartmentId = :department', { department });
      else if (query.role === 'TO_DECIDE') qb.andWhere('a.decidingDepartmentId = :department', { department });
      else {
        qb.andWhere(
          new Brackets((w) => w.where('a.requesterDepartmentId = :department', { department }).orWhere('a.decidingDepartmentId = :department', { department })),
        );
      }
    }
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.subjectKey?.trim()) qb.andWhere('a.subjectKey = :subjectKey', { subjectKey: query.subjectKey.trim() });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere('(a.createdAt, a.id) < (:at, :id)', { at, id });
    }
    const rows = await qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC').limit(size + 1).getMany();
    const page = rows.slice(0, size);
    return { applications: page, nextCursor: rows.length > size ? encodeCursor(page[page.length - 1]) : '' };
  }
}
