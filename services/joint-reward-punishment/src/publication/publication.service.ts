import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compareDates, publicationCsv, publishedRow, quarterRange, type ListTypeCode } from '@credit/domain';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { JrpClock } from '../lists/clock';
import { ListPublicationEntity } from './list-publication.entity';

const S = 'joint_reward_punishment';

interface EntryRow {
  id: string;
  list_type: ListTypeCode;
  subject_type: string;
  subject_name: string;
  subject_uscc: string | null;
  subject_masked_id_number: string | null;
  relation: string | null;
  organisation_name: string | null;
  identifying_department_id: string;
  basis_text: string;
  period_start: string;
  period_end: string;
  ended_on: string | null;
}

/**
 * Quarterly publication of the red and black (serious dishonesty) lists (seed 002 §四(三); seed 003 §二(四)3)
 * for the provincial site: the entries in force at some time in the quarter — active now, or ended by expiry
 * (an entry revoked, repaired or under objection is not published: its display stops) — persons masked.
 * Stored once per quarter; asking again returns the stored export unchanged.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly clock: JrpClock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async publish(request: { year: number; quarter: number; requestedBy: string }): Promise<ListPublicationEntity> {
    let range: { start: string; end: string };
    try {
      range = quarterRange(request.year, request.quarter);
    } catch {
      throw AppError.one('VALIDATION', 'QUARTER_INVALID', '须给出年份和季度（1–4）', 'Give a year and a quarter (1–4).', 'quarter');
    }
    const requestedBy = request.requestedBy?.trim() ?? '';
    if (!requestedBy) throw AppError.one('VALIDATION', 'REQUESTER_REQUIRED', '发布单位不能为空', 'The requester is required.', 'requestedBy');
    const today = this.clock.today();
    if (compareDates(today, range.end) < 0) {
      throw AppError.one('VALIDATION', 'QUARTER_NOT_ENDED', `该季度至 ${range.end} 才结束`, `The quarter ends on ${range.end}.`, 'quarter');
    }
    const jurisdiction = this.deps.config.jurisdiction;
    const repo = this.dataSource.getRepository(ListPublicationEntity);
    const stored = await repo.findOneBy({ jurisdiction, year: request.year, quarter: request.quarter });
    if (stored) return stored;

    const rows = await this.dataSource.manager.query<EntryRow[]>(
      `SELECT e.id, e.list_type, e.subject_type, e.subject_name, e.subject_uscc, e.subject_masked_id_number, e.relation,
              o.subject_name AS organisation_name, e.identifying_department_id, e.basis_text,
              e.period_start::text AS period_start, e.period_end::text AS period_end, e.ended_on::text AS ended_on
         FROM ${S}.list_entry e
         LEFT JOIN ${S}.list_entry o ON o.id = e.related_to_entry_id
        WHERE e.list_type IN ('RED', 'SERIOUS_DISHONESTY')
          AND e.period_start IS NOT NULL AND e.period_start < $2::date
          AND COALESCE(e.ended_on, e.period_end) > $1::date
          AND (e.status = 'ACTIVE' OR (e.status = 'ENDED' AND e.end_reason = 'EXPIRED'))
        ORDER BY e.list_type, e.period_start, e.subject_name, e.id`,
      [range.start, range.end],
    );
    const published = rows.map((r) =>
      publishedRow({
        entryId: r.id,
        listType: r.list_type,
        subjectType: r.subject_type,
        subjectName: r.subject_name,
        uscc: r.subject_uscc,
        maskedIdNumber: r.subject_masked_id_number,
        relation: r.relation,
        relatedOrganisationName: r.organisation_name,
        identifyingDepartmentId: r.identifying_department_id,
        basisText: r.basis_text,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        endedOn: r.ended_on,
      }),
    );
    const red = published.filter((r) => r.list === 'RED');
    const black = published.filter((r) => r.list === 'SERIOUS_DISHONESTY');
    const json = JSON.stringify({ year: request.year, quarter: request.quarter, periodStart: range.start, periodEnd: range.end, jurisdiction, publishedOn: today, red, black });
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        jurisdiction,
        year: request.year,
        quarter: request.quarter,
        periodStart: range.start,
        periodEnd: range.end,
        publishedOn: today,
        requestedBy,
        redCount: red.length,
        blackCount: black.length,
        csv: publicationCsv(published),
        json,
        sha256: createHash('sha256').update(json).digest('hex'),
      })
      .orIgnore()
      .execute();
    // Two requests racing: both return the one stored.
    return repo.findOneByOrFail({ jurisdiction, year: request.year, quarter: request.quarter });
  }
}
