import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveSubject, type ResolvedSubject, type SubjectType } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import type { ProfileRecordEntity } from './subject-profile.entity';

export interface ProfileRecordView extends ProfileRecordEntity {
  /** The open objection on the record, if any. */
  objectionId: string | null;
  /** Decision number and fields withheld: AUTHORISED_ONLY information for a caller not authorised for it. */
  withheld?: boolean;
}

/** Fields that may be published: never an ID number (events carry them masked; dropped here altogether). */
function publicFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !/id ?number|idnumber|身份证/i.test(key)));
}

/** What a caller not authorised for restricted information sees of an AUTHORISED_ONLY record. */
export const WITHHELD_DECISION_NUMBER = '（受限信息，需授权查询）';

/**
 * The profile as a caller may see it: AUTHORISED_ONLY records keep their effect (they count in the verdict and
 * are named as evidence) but their decision number and fields are withheld unless the caller is authorised
 * (scope personal-data:read).
 */
export function visibleProfile(view: ProfileView, authorisedRestricted: boolean): ProfileView {
  if (authorisedRestricted || !view.records.some((r) => r.disclosure === 'AUTHORISED_ONLY')) return view;
  return {
    ...view,
    records: view.records.map((r) => (r.disclosure === 'AUTHORISED_ONLY' ? { ...r, decisionNumber: WITHHELD_DECISION_NUMBER, fields: {}, withheld: true } : r)),
  };
}

export interface ProfileListEntryView {
  entryId: string;
  listType: string;
  status: string;
  periodStart: string | null;
  periodEnd: string | null;
  identifyingDepartmentId: string;
  basisText: string;
  relatedToEntryId: string | null;
  relation: string | null;
  basisRecordIds: string[];
  objectionId: string | null;
}

export interface ProfileView {
  found: boolean;
  subject: { key: string; type: string; name: string; uscc: string | null; maskedIdNumber: string | null };
  records: ProfileRecordView[];
  lists: ProfileListEntryView[];
  adverseCount: number;
  updatedAt: Date | null;
  /** The current credit grade, when it is up to date (a stale grade is not used). */
  grade: 'A' | 'B' | 'C' | 'D' | null;
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
  status: string;
  effect_end: string | null;
  disclosure: string;
}

interface EntryRow {
  entry_id: string;
  list_type: string;
  status: string;
  period_start: string | null;
  period_end: string | null;
  identifying_department_id: string;
  basis_text: string;
  related_to_entry_id: string | null;
  relation: string | null;
  basis_record_ids: string[];
}

function toEntry(e: EntryRow, objectionId: string | null): ProfileListEntryView {
  return {
    entryId: e.entry_id,
    listType: e.list_type,
    status: e.status,
    periodStart: e.period_start,
    periodEnd: e.period_end,
    identifyingDepartmentId: e.identifying_department_id,
    basisText: e.basis_text,
    relatedToEntryId: e.related_to_entry_id,
    relation: e.relation,
    basisRecordIds: e.basis_record_ids ?? [],
    objectionId,
  };
}

function toRecord(r: RecordRow, objectionId: string | null): ProfileRecordView {
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
    status: r.status,
    effectEnd: r.effect_end,
    disclosure: r.disclosure ?? 'PUBLIC',
    objectionId,
  };
}

/** Most subjects read by one profile query. */
const MAX_PROFILES_PER_QUERY = 500;

interface ProfileRow {
  name: string | null;
  adverse_count: number | null;
  updated_at: Date | null;
  records: RecordRow[];
  entries: EntryRow[];
  /** Open objections of the subject (null when none). */
  objections: { target_type: string; target_id: string; objection_id: string }[] | null;
  grade: string | null;
}

/**
 * Profiles of many subjects in one round trip: per subject its row, records, list entries and open objections, and
 * its current grade. Open objections are read once per subject and matched to their records and entries here: a
 * lookup per record and entry cost about half the statement's time (1 M subjects × 5 records).
 */
const PROFILES_SQL = `
  SELECT k.ord, p.name, p.adverse_count, p.updated_at,
         (SELECT g.grade FROM credit_check.subject_grade g
           WHERE g.subject_key = k.key AND g.change_seq <= g.graded_seq
             AND (g.valid_until IS NULL OR g.valid_until > (now() AT TIME ZONE 'Asia/Shanghai')::date)) AS grade,
         coalesce((SELECT json_agg(pr ORDER BY pr.decision_date DESC) FROM credit_check.profile_record pr WHERE pr.subject_key = k.key), '[]'::json) AS records,
         coalesce((SELECT json_agg(le ORDER BY le.updated_at DESC) FROM credit_check.profile_list_entry le WHERE le.subject_key = k.key), '[]'::json) AS entries,
         (SELECT json_agg(json_build_object('target_type', o.target_type, 'target_id', o.target_id, 'objection_id', o.objection_id) ORDER BY o.marked_at)
            FROM credit_check.profile_objection o WHERE o.subject_key = k.key AND o.open) AS objections
    FROM unnest($1::text[]) WITH ORDINALITY AS k(key, ord)
    LEFT JOIN credit_check.subject_profile p ON p.subject_key = k.key`;

/** Reads a subject's profile: one keyed lookup of the read model, no fan-out to other services. */
@Injectable()
export class ProfileService {
  private queued: { key: string; resolve: (row: ProfileRow) => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private profileRow(key: string): Promise<ProfileRow> {
    return new Promise((resolve, reject) => {
      this.queued.push({ key, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushProfileRows());
      }
    });
  }

  private flushProfileRows(): void {
    this.flushScheduled = false;
    const queued = this.queued;
    this.queued = [];
    for (let i = 0; i < queued.length; i += MAX_PROFILES_PER_QUERY) {
      const chunk = queued.slice(i, i + MAX_PROFILES_PER_QUERY);
      this.dataSource.query<(ProfileRow & { ord: string })[]>(PROFILES_SQL, [chunk.map((q) => q.key)]).then(
        (rows) => {
          for (const row of rows) chunk[Number(row.ord) - 1].resolve(row);
        },
        (error: unknown) => chunk.forEach((q) => q.reject(error)),
      );
    }
  }

  /** 公示查询: PUBLIC information about an organisation that may be shown today. */
  async publicRecords(uscc: string, today: string) {
    const resolved = resolveSubject({ type: 'LEGAL_PERSON', name: '-', uscc });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: e.field ?? 'uscc' })));
    const key = resolved.subject.key;
    // One statement, so one snapshot: the subject and its records as of the same commit (two reads could see the
    // records of a subject the first had not found yet). As JSON, like the profile read: dates stay YYYY-MM-DD.
    const [{ name, rows }] = await this.dataSource.query<{ name: string | null; rows: RecordRow[] }[]>(
      `SELECT (SELECT name FROM credit_check.subject_profile WHERE subject_key = $1) AS name,
              coalesce(json_agg(r ORDER BY r.decision_date DESC), '[]'::json) AS rows
         FROM (SELECT * FROM credit_check.profile_record
                WHERE subject_key = $1 AND disclosure = 'PUBLIC' AND status = 'ACTIVE'
                  AND (NOT adverse OR (publicity_start <= $2::date AND publicity_end > $2::date))) r`,
      [key, today],
    );
    const records = rows.map((r) => ({ ...toRecord(r, null), fields: publicFields(r.fields) }));
    return { found: name !== null, name: name ?? '', uscc: resolved.subject.uscc ?? uscc, records };
  }

  async profileOf(input: { type: string; name: string; uscc?: string; idNumber?: string }): Promise<ProfileView> {
    const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    return this.profileOfResolved(resolved.subject);
  }

  /**
   * The profile a check reads. Lookups arriving in the same turn of the event loop (concurrent checks, the subjects
   * of a batch check) share one query: on this platform a round trip to PostgreSQL costs more than the lookup.
   */
  async profileOfResolved(subject: ResolvedSubject): Promise<ProfileView> {
    const row = await this.profileRow(subject.key);
    const profile = row.name === null ? null : { name: row.name, adverseCount: row.adverse_count ?? 0, updatedAt: row.updated_at };
    const objectionOn = (targetType: 'RECORD' | 'LIST_ENTRY', id: string) =>
      row.objections?.find((o) => o.target_type === targetType && o.target_id === id)?.objection_id ?? null;
    const records = row.records.map((r) => toRecord(r, objectionOn('RECORD', r.record_id)));
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
      lists: row.entries.map((e) => toEntry(e, objectionOn('LIST_ENTRY', e.entry_id))),
      grade: profile ? ((row.grade as ProfileView['grade']) ?? null) : null,
      adverseCount: profile?.adverseCount ?? 0,
      updatedAt: profile?.updatedAt ?? null,
    };
  }
}
