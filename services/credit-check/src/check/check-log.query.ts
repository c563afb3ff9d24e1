import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidIsoDate, resolveSubject, type DomainError, type SubjectType } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { fromStored, verifyCheckLog, type ChainedCheckLogRow, type StoredCheckLogRow, type VerifyResult } from './check-log';

export interface CheckLogQuery {
  requesterDepartmentId: string;
  /** The credit office: every department's checks (optionally one department's). */
  allDepartments: boolean;
  departmentId?: string;
  subject?: { type: string; name: string; uscc?: string; idNumber?: string };
  matterReference?: string;
  from?: string;
  to?: string;
  cursor?: string;
  pageSize?: number;
}

export const MAX_PAGE_SIZE = 100;

/** Reads the check log: a department its own checks; the credit office everyone's. Newest first, cursor-paged. */
@Injectable()
export class CheckLogQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query(q: CheckLogQuery): Promise<{ entries: ChainedCheckLogRow[]; nextCursor: string }> {
    const errors: DomainError[] = [];
    for (const field of ['from', 'to'] as const) {
      if (q[field] && !isValidIsoDate(q[field]!)) errors.push({ code: 'DATE_INVALID', field, message: { zh: '日期须为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' } });
    }
    const cursor = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : null;
    if (q.cursor && (!Number.isSafeInteger(cursor) || cursor! < 1)) errors.push({ code: 'CURSOR_INVALID', field: 'cursor', message: { zh: '分页游标无效', en: 'Invalid cursor' } });
    let subjectKey: string | undefined;
    if (q.subject && (q.subject.uscc || q.subject.idNumber)) {
      const resolved = resolveSubject({ type: q.subject.type as SubjectType, name: q.subject.name, uscc: q.subject.uscc, idNumber: q.subject.idNumber });
      if (resolved.ok) subjectKey = resolved.subject.key;
      else errors.push(...resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    }
    if (errors.length > 0) throw AppError.validation(errors);
    const pageSize = Math.min(Math.max(q.pageSize || 20, 1), MAX_PAGE_SIZE);

    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (!q.allDepartments) add('requester_department_id = ?', q.requesterDepartmentId);
    else if (q.departmentId) add('requester_department_id = ?', q.departmentId);
    if (subjectKey) add('subject_key = ?', subjectKey);
    if (q.matterReference) add('matter_reference = ?', q.matterReference);
    // Days are China days: [from 00:00, to + 1 day 00:00) in +08:00.
    if (q.from) add(`checked_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.from);
    if (q.to) add(`checked_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.to);
    if (cursor) add('seq < ?', cursor);
    params.push(pageSize + 1);
    const rows = await this.dataSource.query<StoredCheckLogRow[]>(
      `SELECT * FROM credit_check.check_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const entries = rows.slice(0, pageSize).map(fromStored);
    const nextCursor = rows.length > pageSize ? Buffer.from(String(entries[entries.length - 1].seq)).toString('base64url') : '';
    return { entries, nextCursor };
  }

  /** Recomputes the whole hash chain (the verify command). */
  verify(): Promise<VerifyResult> {
    return verifyCheckLog((sql, params) => this.dataSource.query(sql, params));
  }
}
