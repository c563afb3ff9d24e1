import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveSubject, type SubjectType } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import type { ProfileRecordEntity } from './subject-profile.entity';

export interface ProfileView {
  found: boolean;
  subject: { key: string; type: string; name: string; uscc: string | null; maskedIdNumber: string | null };
  records: ProfileRecordEntity[];
  adverseCount: number;
  updatedAt: Date | null;
}

interface RecordRow {
  record_id: string;
  subject_key: string;
  version: number;
  catalogue_item_code: string;
  category: string;
  provider_department_id: string;
  decision_number: string;
  decision_date: string;
  adverse: boolean;
  severity: string | null;
  publicity_start: string | null;
  publicity_end: string | null;
  fields: Record<string, unknown>;
}

function toRecord(r: RecordRow): ProfileRecordEntity {
  return {
    recordId: r.record_id,
    subjectKey: r.subject_key,
    version: r.version,
    catalogueItemCode: r.catalogue_item_code,
    category: r.category,
    providerDepartmentId: r.provider_department_id,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    adverse: r.adverse,
    severity: r.severity,
    publicityStart: r.publicity_start,
    publicityEnd: r.publicity_end,
    fields: r.fields,
  };
}

/** Reads a subject's profile: one keyed lookup of the read model, no fan-out to other services. */
@Injectable()
export class ProfileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async profileOf(input: { type: string; name: string; uscc?: string; idNumber?: string }): Promise<ProfileView> {
    const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    const { subject } = resolved;
    // One round trip: the profile row and its records (a check reads nothing else).
    const [row] = await this.dataSource.query<{ name: string | null; adverse_count: number | null; updated_at: Date | null; records: RecordRow[] }[]>(
      `SELECT p.name, p.adverse_count, p.updated_at,
              coalesce((SELECT json_agg(r ORDER BY r.decision_date DESC) FROM credit_check.profile_record r WHERE r.subject_key = $1), '[]'::json) AS records
         FROM (SELECT 1) AS one LEFT JOIN credit_check.subject_profile p ON p.subject_key = $1`,
      [subject.key],
    );
    const profile = row.name === null ? null : { name: row.name, adverseCount: row.adverse_count ?? 0, updatedAt: row.updated_at };
    const records = row.records.map(toRecord);
    return {
      found: profile !== null,
      subject: {
        key: subject.key,
        type: subject.type,
        name: profile?.name ?? subject.name,
        uscc: subject.uscc ?? null,
        maskedIdNumber: subject.maskedIdNumber ?? null,
      },
      records,
      adverseCount: profile?.adverseCount ?? 0,
      updatedAt: profile?.updatedAt ?? null,
    };
  }
}
