import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chinaDateOf,
  gradeSubject,
  gradingModelOn,
  resolveSubject,
  samplingPolicyOn,
  type CreditGrade,
  type IsoDate,
  type ListEntryFact,
  type LocalizedMessage,
  type RecordFact,
  type SamplingPolicy,
  type SubjectType,
} from '@credit/domain';
import { AppError, LOGGER, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Batches regraded per pass at most (a pass that ends on a full batch is followed by the next one at once). */
const MAX_BATCHES_PER_PASS = 4;
/** Subjects graded per statement. */
const REFRESH_BATCH = 500;
/** Largest explicit inspection population. */
export const MAX_POPULATION = 100_000;
/** How often stale grades (profile changed, or a time-dependent input passed) are looked for in the background. */
const REFRESH_INTERVAL_MS = 2_000;
/**
 * While the profile consumer works through a backlog the background refresher waits (grades read on demand are
 * refreshed first anyway): both compete for the same database. It waits at most this long in a row, so a steady
 * stream of imports cannot keep grades stale for ever.
 */
const MAX_DEFER_MS = 30_000;

export interface StoredGrade {
  subjectKey: string;
  found: boolean;
  grade: CreditGrade;
  score: number;
  modelVersion: string;
  asOf: IsoDate;
  factors: LocalizedMessage[];
}

export interface SampleResult {
  seed: string;
  asOf: IsoDate;
  modelVersion: string;
  policy: SamplingPolicy;
  population: number;
  strata: { grade: CreditGrade; population: number; ratio: number; drawn: number }[];
  subjects: { subjectKey: string; name: string; grade: CreditGrade; allKeyItems: boolean }[];
}

interface FactsRow {
  subject_key: string;
  change_seq: string;
  subject_type: string | null;
  records: { recordId: string; adverse: boolean; severity: RecordFact['severity']; status: RecordFact['status']; decisionDate: string; effectEnd: string | null; underObjection: boolean }[];
  entries: { entryId: string; listType: ListEntryFact['listType']; status: ListEntryFact['status']; periodEnd: string | null; relatedToEntryId: string | null; underObjection: boolean }[];
}

const FACTS_SQL = `
  SELECT g.subject_key, g.change_seq, p.subject_type,
         coalesce((SELECT json_agg(json_build_object(
                     'recordId', r.record_id, 'adverse', r.adverse, 'severity', r.severity, 'status', r.status,
                     'decisionDate', r.decision_date, 'effectEnd', r.effect_end,
                     'underObjection', EXISTS (SELECT 1 FROM credit_check.profile_objection o
                                                WHERE o.subject_key = r.subject_key AND o.open AND o.target_type = 'RECORD' AND o.target_id = r.record_id::text)))
                     FROM credit_check.profile_record r WHERE r.subject_key = g.subject_key), '[]'::json) AS records,
         coalesce((SELECT json_agg(json_build_object(
                     'entryId', e.entry_id, 'listType', e.list_type, 'status', e.status, 'periodEnd', e.period_end,
                     'relatedToEntryId', e.related_to_entry_id,
                     'underObjection', EXISTS (SELECT 1 FROM credit_check.profile_objection o
                                                WHERE o.subject_key = e.subject_key AND o.open AND o.target_type = 'LIST_ENTRY' AND o.target_id = e.entry_id::text)))
                     FROM credit_check.profile_list_entry e WHERE e.subject_key = g.subject_key), '[]'::json) AS entries
    FROM credit_check.subject_grade g LEFT JOIN credit_check.subject_profile p ON p.subject_key = g.subject_key
   WHERE g.subject_key = ANY ($1::text[])`;

const due = (asOfParam: string) => `(g.change_seq > g.graded_seq OR g.valid_until <= ${asOfParam}::date)`;

/**
 * Up to $2 subjects whose grade is stale or expired, from the two indexes (partial `ix_subject_grade_stale`, and
 * `ix_subject_grade_valid_until` in order): cheap at any table size, where one `WHERE stale OR expired` scans the table.
 */
const PENDING_SQL = `
  (SELECT g.subject_key FROM credit_check.subject_grade g WHERE g.change_seq > g.graded_seq LIMIT $2)
  UNION ALL
  (SELECT g.subject_key FROM credit_check.subject_grade g
    WHERE g.valid_until <= $1::date AND g.change_seq <= g.graded_seq ORDER BY g.valid_until LIMIT $2)
  LIMIT $2`;

/** Tells the refresher whether the profile consumer is working through a backlog right now. */
export interface IngestPressure {
  backlogged(): boolean;
}

/**
 * Grades (分级分类) kept in `subject_grade`: profile writes mark a subject stale (triggers, same transaction as
 * the consumer), and stale or time-expired grades are recomputed with the pure model — in the background every
 * few seconds, and on demand before a grade is read or a sample is drawn, so answers never use a stale grade.
 * Sampling over many subjects is then one query over the stored grades.
 */
@Injectable()
export class GradeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<boolean> | null = null;
  private stopping = false;
  private deferredSince: number | null = null;
  private pressure: IngestPressure | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  /** The profile consumer registers itself: the refresher yields to it while it has a backlog. */
  yieldTo(pressure: IngestPressure): void {
    this.pressure = pressure;
  }

  async onApplicationBootstrap(): Promise<void> {
    // A new model version regrades everyone once.
    const model = gradingModelOn(this.today());
    await this.dataSource.query(`UPDATE credit_check.subject_grade SET graded_seq = 0 WHERE model_version IS DISTINCT FROM $1 AND graded_seq > 0`, [model.id]);
    this.schedule(REFRESH_INTERVAL_MS);
  }

  /** Stops the refresher before the database closes, and lets a pass in progress finish its batch. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.refreshing?.catch(() => undefined);
  }

  today(): IsoDate {
    return chinaDateOf(new Date());
  }

  /**
   * Recomputes stale or time-expired grades (one pass at a time per process): a bounded pass, so one pass never
   * holds a core for long (grades asked for explicitly are refreshed on demand; checks never use a stale grade).
   * Resolves true when the pass stopped with more grades due.
   */
  refreshDue(asOf: IsoDate = this.today()): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !this.stopping; batch += 1) {
          const pending = await this.dataSource.query<{ subject_key: string }[]>(PENDING_SQL, [asOf, REFRESH_BATCH]);
          if (pending.length > 0) await this.regrade([...new Set(pending.map((d) => d.subject_key))], asOf);
          if (pending.length < REFRESH_BATCH) return false;
        }
        return !this.stopping;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** The background refresher: every few seconds, at once again while a backlog of due grades remains. */
  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let more = false;
    try {
      const now = Date.now();
      if (this.pressure?.backlogged() && (this.deferredSince === null || now - this.deferredSince < MAX_DEFER_MS)) {
        this.deferredSince ??= now;
        return;
      }
      this.deferredSince = null;
      more = await this.refreshDue();
    } catch (err) {
      this.log.warn({ err }, 'grades: refresh failed');
    } finally {
      this.schedule(more ? 0 : REFRESH_INTERVAL_MS);
    }
  }

  /** Recomputes the grades of these subjects where stale or expired. */
  async refreshSubjects(subjectKeys: readonly string[], asOf: IsoDate = this.today()): Promise<void> {
    for (let i = 0; i < subjectKeys.length; i += REFRESH_BATCH * 20) {
      const pending = await this.dataSource.query<{ subject_key: string }[]>(
        `SELECT g.subject_key FROM credit_check.subject_grade g WHERE g.subject_key = ANY ($1::text[]) AND ${due('$2')}`,
        [subjectKeys.slice(i, i + REFRESH_BATCH * 20), asOf],
      );
      for (let j = 0; j < pending.length; j += REFRESH_BATCH) await this.regrade(pending.slice(j, j + REFRESH_BATCH).map((d) => d.subject_key), asOf);
    }
  }

  private async regrade(subjectKeys: string[], asOf: IsoDate): Promise<void> {
    // One statement reads the change counter and the facts in one snapshot: the grade stored matches `graded_seq`.
    const rows = await this.dataSource.query<FactsRow[]>(FACTS_SQL, [subjectKeys]);
    const model = gradingModelOn(asOf);
    const results = rows.map((row) => {
      const facts = {
        known: row.subject_type !== null,
        subjectType: (row.subject_type ?? 'LEGAL_PERSON') as SubjectType,
        records: row.records.map((r) => ({ ...r, providerDepartmentId: '', catalogueItemCode: '', decisionNumber: '' })),
        listEntries: row.entries.map((e) => ({ ...e, relation: null, identifyingDepartmentId: '', basisText: '' })),
      };
      return { row, result: gradeSubject(facts, asOf, model) };
    });
    if (results.length === 0) return;
    await this.dataSource.query(
      `UPDATE credit_check.subject_grade g
          SET grade = v.grade, score = v.score, model_version = $7, as_of = $8::date, valid_until = v.valid_until,
              factors = v.factors::jsonb, graded_seq = v.seq, computed_at = now()
         FROM unnest($1::text[], $2::text[], $3::int[], $4::date[], $5::text[], $6::bigint[]) AS v(subject_key, grade, score, valid_until, factors, seq)
        WHERE g.subject_key = v.subject_key AND g.graded_seq <= v.seq`,
      [
        results.map((r) => r.row.subject_key),
        results.map((r) => r.result.grade),
        results.map((r) => r.result.score),
        results.map((r) => r.result.validUntil),
        results.map((r) => JSON.stringify(r.result.factors)),
        results.map((r) => r.row.change_seq),
        model.id,
        asOf,
      ],
    );
  }

  /** The current grade of a subject (recomputed first if stale); an unknown subject is B. */
  async gradeOf(input: { type: string; name: string; uscc?: string; idNumber?: string }): Promise<StoredGrade> {
    const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    return this.gradeOfKey(resolved.subject.key);
  }

  async gradeOfKey(subjectKey: string): Promise<StoredGrade> {
    const asOf = this.today();
    await this.refreshSubjects([subjectKey], asOf);
    const [row] = await this.dataSource.query<{ grade: CreditGrade; score: number; model_version: string; as_of: string; factors: LocalizedMessage[] }[]>(
      `SELECT grade, score, model_version, to_char(as_of, 'YYYY-MM-DD') AS as_of, factors FROM credit_check.subject_grade WHERE subject_key = $1 AND grade IS NOT NULL`,
      [subjectKey],
    );
    if (row) return { subjectKey, found: true, grade: row.grade, score: row.score, modelVersion: row.model_version, asOf: row.as_of, factors: row.factors };
    const unknown = gradeSubject({ known: false, subjectType: 'LEGAL_PERSON', records: [], listEntries: [] }, asOf);
    return { subjectKey, found: false, grade: unknown.grade, score: unknown.score, modelVersion: unknown.modelVersion, asOf, factors: [...unknown.factors] };
  }

  samplingPolicy(asOf: IsoDate = this.today()): SamplingPolicy {
    return samplingPolicyOn(this.deps.config.jurisdiction, asOf);
  }

  /**
   * 双随机: per grade, ⌈population × ratio⌉ subjects, ranked by md5(seed:subject key) — the same seed over the
   * same population (with the same grades) draws the same subjects, in any order of input.
   */
  async sample(request: { departmentId: string; seed?: string; subjectKeys?: readonly string[] }): Promise<SampleResult> {
    if (!request.departmentId) throw AppError.one('VALIDATION', 'REQUIRED', '须指明检查部门', 'The inspecting department is required', 'requesterDepartmentId');
    const explicit = [...new Set(request.subjectKeys ?? [])];
    if (explicit.length > MAX_POPULATION) {
      throw AppError.one('VALIDATION', 'POPULATION_TOO_LARGE', `检查对象名录不得超过 ${MAX_POPULATION} 个主体`, `At most ${MAX_POPULATION} subjects per population`, 'subjectKeys');
    }
    const seed = request.seed || randomBytes(16).toString('hex');
    if (seed.length > 200) throw AppError.one('VALIDATION', 'TOO_LONG', '随机种子不得超过 200 个字符', 'The seed is longer than 200 characters', 'seed');
    const asOf = this.today();
    const policy = this.samplingPolicy(asOf);
    const model = gradingModelOn(asOf);
    const population =
      explicit.length > 0
        ? `SELECT DISTINCT k AS subject_key FROM unnest($1::text[]) AS k WHERE $2::text IS NOT NULL`
        : `SELECT subject_key FROM credit_check.profile_record WHERE provider_department_id = $2::text AND $1::text[] IS NOT NULL
           UNION SELECT subject_key FROM credit_check.profile_list_entry WHERE identifying_department_id = $2::text`;
    // Bring the population's grades up to date first (stale ones only).
    const pending = await this.dataSource.query<{ subject_key: string }[]>(
      `SELECT g.subject_key FROM (${population}) pop JOIN credit_check.subject_grade g ON g.subject_key = pop.subject_key WHERE ${due('$3')}`,
      [explicit, request.departmentId, asOf],
    );
    for (let j = 0; j < pending.length; j += REFRESH_BATCH) await this.regrade(pending.slice(j, j + REFRESH_BATCH).map((d) => d.subject_key), asOf);

    const ratio = (g: CreditGrade) => String(policy.grades[g].ratio);
    const rows = await this.dataSource.query<{ subject_key: string; name: string | null; grade: CreditGrade; n: string; rn: string }[]>(
      `WITH pop AS (${population}),
            graded AS (SELECT pop.subject_key, coalesce(g.grade, 'B') AS grade, p.name
                         FROM pop LEFT JOIN credit_check.subject_grade g ON g.subject_key = pop.subject_key
                                  LEFT JOIN credit_check.subject_profile p ON p.subject_key = pop.subject_key),
            ranked AS (SELECT graded.*,
                              row_number() OVER (PARTITION BY grade ORDER BY md5($4::text || ':' || subject_key), subject_key) AS rn,
                              count(*) OVER (PARTITION BY grade) AS n
                         FROM graded)
       SELECT subject_key, name, grade, n, rn FROM ranked
        WHERE rn <= ceil(n * (CASE grade WHEN 'A' THEN $5 WHEN 'B' THEN $6 WHEN 'C' THEN $7 ELSE $8 END)::numeric) AND $3::date IS NOT NULL OR rn = 1
        ORDER BY grade, rn`,
      [explicit, request.departmentId, asOf, seed, ratio('A'), ratio('B'), ratio('C'), ratio('D')],
    );
    // `rn = 1` keeps one row per non-empty grade so its population is known even at ratio 0.
    const strata = (['A', 'B', 'C', 'D'] as const).map((grade) => {
      const inGrade = rows.filter((r) => r.grade === grade);
      const n = inGrade.length > 0 ? Number(inGrade[0].n) : 0;
      const drawnRows = policy.grades[grade].ratio > 0 ? inGrade : [];
      return { grade, population: n, ratio: policy.grades[grade].ratio, drawn: drawnRows.length, drawnRows };
    });
    return {
      seed,
      asOf,
      modelVersion: model.id,
      policy,
      population: strata.reduce((sum, s) => sum + s.population, 0),
      strata: strata.map(({ drawnRows: _drawn, ...s }) => s),
      subjects: strata.flatMap((s) =>
        s.drawnRows.map((r) => ({ subjectKey: r.subject_key, name: r.name ?? '', grade: s.grade, allKeyItems: policy.grades[s.grade].allKeyItems })),
      ),
    };
  }
}
