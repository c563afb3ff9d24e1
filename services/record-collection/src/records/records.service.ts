import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Events, severityToProto, subjectTypeToProto, type RelatedPerson } from '@credit/contracts';
import { insertRows, pgErrorCode, PgErrorCode, type BulkColumn } from '@credit/database';
import {
  canonicalJson,
  chinaDateOf,
  defaultCalendar,
  defaultPolicyRegistry,
  publicityWindow,
  SeverityTier,
  SubjectType,
  uuidV7,
  type DomainError,
} from '@credit/domain';
import { UnitOfWork, type Transaction } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ErrorKind, type ServiceDeps } from '@credit/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogueItemEntity } from '../catalogue/catalogue-item.entity';
import { CatalogueService, mayDepartmentSubmit } from '../catalogue/catalogue.service';
import { FieldSchemas } from '../catalogue/field-schemas';
import { CollectionClock } from '../collection-clock';
import { DOUBLE_PUBLICITY_CATEGORIES, isComplete, TimelinessToDay, type Timeliness } from '../timeliness/timeliness';
import {
  CreditRecordEntity,
  CreditRecordVersionEntity,
  type ChangeKind,
  type RecordStatusValue,
  type StoredRelatedPerson,
} from './credit-record.entity';
import { DataQualityIssueEntity } from './data-quality-issue.entity';
import { isUuid, RecordStatusService, type RecordSnapshot } from './record-status.service';
import {
  attributesToPersons,
  err,
  maskedFields,
  validateAgainstItem,
  validateContent,
  validateShape,
  type PersonLink,
  type RecordRowInput,
} from './record-validation';
import { SubjectEntity } from './subject.entity';

export type SubmitRecordCommand = RecordRowInput & { providerDepartmentId: string };

export type SubmitOutcome = 'CREATED' | 'NEW_VERSION' | 'UNCHANGED';

export interface SubmitResult {
  recordId: string;
  version: number;
  outcome: SubmitOutcome;
  subjectKey: string;
  nameMismatch: boolean;
}

export type RowResult =
  | ({ index: number } & SubmitResult)
  | { index: number; outcome: 'REJECTED'; kind: ErrorKind; errors: DomainError[] };

/** A subject as stored (an ID number is not needed to store a record version). */
interface StoredSubject {
  type: string;
  key: string;
  name: string;
  uscc?: string;
  maskedIdNumber?: string;
}

interface Provenance {
  changeKind: ChangeKind;
  reason: string | null;
  submittedBy: string;
  objectionId: string | null;
}

/** A row that passed every check: ready to be stored. */
export interface PreparedRow {
  index: number;
  item: CatalogueItemEntity;
  subject: StoredSubject;
  decisionNumber: string;
  decisionDate: string;
  severity: SeverityTier | null;
  fields: Record<string, unknown>;
  persons: PersonLink[];
  provenance: Provenance;
}

export interface CorrectionChanges {
  /** Merged over the current fields; a null value removes a field. */
  fields: Record<string, unknown>;
  severity?: string;
  decisionDate?: string;
}

export interface RecordVersionView extends Omit<CreditRecordVersionEntity, 'relatedPersons' | 'fields'> {
  fields: Record<string, unknown>;
  relatedPersons: { role: string; subjectKey: string; name: string; maskedIdNumber: string }[];
}

export interface RecordView {
  record: CreditRecordEntity;
  versions: RecordVersionView[];
}

const RECORD_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'], ['provider_department_id', 'text'], ['catalogue_item_code', 'text'], ['decision_number', 'text'], ['subject_key', 'text'],
  ['current_version', 'int'], ['content_hash', 'text'], ['status', 'text'], ['publicity_end', 'date'], ['period_end', 'date'],
];
const VERSION_COLUMNS: BulkColumn[] = [
  ['record_id', 'uuid'], ['version', 'int'], ['catalogue_item_version', 'int'], ['subject_key', 'text'], ['subject_name', 'text'], ['decision_date', 'date'],
  ['severity', 'text'], ['fields', 'jsonb'], ['publicity_start', 'date'], ['publicity_end', 'date'], ['policy_version', 'text'], ['content_hash', 'text'],
  ['change_kind', 'text'], ['reason', 'text'], ['submitted_by_department_id', 'text'], ['objection_id', 'text'], ['related_persons', 'jsonb'],
];
const TIMELINESS_COLUMNS: BulkColumn[] = [
  ['record_id', 'uuid'], ['provider_department_id', 'text'], ['catalogue_item_code', 'text'], ['decision_number', 'text'], ['decision_date', 'date'],
  ['submitted_on', 'date'], ['limit_working_days', 'int'], ['working_days', 'int'], ['on_time', 'boolean'], ['days_late', 'int'], ['complete', 'boolean'],
  ['policy_version', 'text'],
];

export const MAX_BATCH_ROWS = 1_000;
/** Valid rows stored per transaction. */
const CHUNK_ROWS = 250;

/**
 * Stores credit records: validated against identifier rules and the catalogue (only responsible departments
 * may submit), versioned by natural key (provider + item + decision number), announced as RecordCollected
 * through the outbox. Corrections by the provider and by objection outcomes go through the same path.
 */
@Injectable()
export class RecordsService {
  private readonly policies = defaultPolicyRegistry();
  private readonly windows = new Map<string, { start: string; maxEnd: string; policyVersion: string }>();
  private readonly publicationLimits = new Map<string, { limit: number; policyVersion: string }>();
  private timelinessToDay: TimelinessToDay | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalogue: CatalogueService,
    private readonly statuses: RecordStatusService,
    private readonly schemas: FieldSchemas,
    private readonly clock: CollectionClock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async submit(command: SubmitRecordCommand): Promise<SubmitResult> {
    const [result] = await this.submitMany(command.providerDepartmentId, [command]);
    if (result.outcome === 'REJECTED') throw new AppError(result.kind, result.errors);
    return result;
  }

  /**
   * Each row is validated and stored independently: a rejected row stores nothing, the others are stored
   * (one transaction per chunk of valid rows). Results are in row order.
   */
  async submitMany(providerDepartmentId: string, inputs: RecordRowInput[]): Promise<RowResult[]> {
    if (inputs.length > MAX_BATCH_ROWS) {
      throw AppError.one('VALIDATION', 'BATCH_TOO_LARGE', `每批最多 ${MAX_BATCH_ROWS} 条记录`, `At most ${MAX_BATCH_ROWS} records per call.`, 'records');
    }
    const provider = providerDepartmentId?.trim() ?? '';
    if (!provider) {
      throw AppError.one('UNAUTHENTICATED', 'DEPARTMENT_REQUIRED', '缺少提交部门', 'The submitting department is missing.', 'providerDepartmentId');
    }
    const { rejected: results, valid } = await this.prepareRows(provider, inputs);
    await this.tally(this.dataSource.manager, provider, inputs.length, results.length);
    for (let start = 0; start < valid.length; start += CHUNK_ROWS) {
      const chunk = valid.slice(start, start + CHUNK_ROWS);
      results.push(...(await this.withRaceRetry(() => this.uow.run((tx) => this.storeRows(tx, provider, chunk)))));
    }
    return results.sort((a, b) => a.index - b.index);
  }

  /**
   * Validates rows of one provider (bulk imports use it with `storePrepared`): the rejected with their
   * errors (index = position in `inputs`), the valid ready to be stored.
   */
  async prepareRows(provider: string, inputs: RecordRowInput[]): Promise<{ rejected: RowResult[]; valid: PreparedRow[] }> {
    const items = await this.catalogue.currentItems([...new Set(inputs.map((i) => i.catalogueItemCode?.trim() ?? ''))]);
    const rejected: RowResult[] = [];
    const valid: PreparedRow[] = [];
    inputs.forEach((input, index) => {
      const prepared = this.prepare(provider, input, index, items);
      if ('errors' in prepared) rejected.push({ index, outcome: 'REJECTED', kind: prepared.kind, errors: prepared.errors });
      else valid.push(prepared);
    });
    return { rejected, valid };
  }

  /** Counts rows a department sent today and how many were rejected (the scorecard's rejected-row rate). */
  async tally(manager: EntityManager, departmentId: string, received: number, rejected: number): Promise<void> {
    if (received === 0 && rejected === 0) return;
    await manager.query(
      `INSERT INTO record_collection.submission_tally (department_id, day, received, rejected) VALUES ($1, $2, $3, $4)
       ON CONFLICT (department_id, day) DO UPDATE SET received = submission_tally.received + EXCLUDED.received,
         rejected = submission_tally.rejected + EXCLUDED.rejected`,
      [departmentId, this.clock.today(), received, rejected],
    );
  }

  /** Stores prepared rows in the caller's transaction (the same path as SubmitRecords). */
  storePrepared(tx: Transaction, provider: string, rows: PreparedRow[]): Promise<RowResult[]> {
    return this.storeRows(tx, provider, rows);
  }

  /** The provider's explicit correction: a new version with the changes merged over the current content. */
  async correct(providerDepartmentId: string, recordId: string, changes: CorrectionChanges, reason: string): Promise<SubmitResult> {
    if (!reason?.trim()) throw AppError.one('VALIDATION', 'REASON_REQUIRED', '须说明更正原因', 'A reason for the correction is required.', 'reason');
    return this.withRaceRetry(() =>
      this.uow.run(async (tx) => {
        const snapshot = await this.ownedRecord(tx, providerDepartmentId, recordId);
        return this.applyCorrection(tx, snapshot, changes, {
          changeKind: 'CORRECTED',
          reason: reason.trim(),
          submittedBy: providerDepartmentId,
          objectionId: null,
        });
      }),
    );
  }

  /** The provider revokes its record; revoking a revoked record changes nothing. */
  async revoke(providerDepartmentId: string, recordId: string, reason: string): Promise<RecordView> {
    if (!reason?.trim()) throw AppError.one('VALIDATION', 'REASON_REQUIRED', '须说明撤销原因', 'A reason for the revocation is required.', 'reason');
    await this.uow.run(async (tx) => {
      const snapshot = await this.ownedRecord(tx, providerDepartmentId, recordId, { allowRevoked: true });
      if (snapshot.record.status === 'REVOKED') return;
      await this.statuses.apply(tx, snapshot, {
        status: 'REVOKED',
        cause: 'PROVIDER_REVOKED',
        reason: `提供单位撤销：${reason.trim()}`,
        publicityEnd: null,
        effectiveDate: chinaDateOf(new Date()),
        actorDepartmentId: providerDepartmentId,
      });
    });
    return this.get(recordId);
  }

  /**
   * A correction (by the provider or by an objection outcome) inside the caller's transaction. Throws a
   * validation error when the corrected content is invalid; UNCHANGED when nothing changes.
   */
  async applyCorrection(tx: Transaction, snapshot: RecordSnapshot, changes: CorrectionChanges, provenance: Provenance): Promise<SubmitResult> {
    const { record, current } = snapshot;
    if (record.status === 'REVOKED') {
      throw AppError.one('CONFLICT', 'RECORD_REVOKED', '该记录已撤销，不能更正', 'The record is revoked and cannot be corrected.', 'recordId');
    }
    const fields: Record<string, unknown> = { ...current.fields };
    for (const [key, value] of Object.entries(changes.fields)) {
      if (value === null) delete fields[key];
      else fields[key] = value;
    }
    const item = (await this.catalogue.currentItems([record.catalogueItemCode], this.clock.today(), tx.manager)).get(record.catalogueItemCode)?.item;
    if (!item) throw AppError.one('CONFLICT', 'CATALOGUE_ITEM_UNKNOWN', '目录项已不存在', 'The catalogue item no longer exists.', 'catalogueItemCode');
    const content = validateContent({
      decisionDate: changes.decisionDate || current.decisionDate,
      severity: changes.severity || current.severity || undefined,
      fields,
    });
    const errors = distinct([
      ...content.errors,
      ...validateAgainstItem(item, snapshot.subjectType, content.fields, content.severity),
      ...(content.errors.length === 0 ? this.schemas.validate(item, content.fields) : []),
    ]);
    if (errors.length > 0) throw AppError.validation(errors);
    const [result] = await this.storeRows(tx, record.providerDepartmentId, [
      {
        index: 0,
        item,
        subject: {
          type: snapshot.subjectType,
          key: snapshot.subject.key,
          name: snapshot.subject.name,
          uscc: snapshot.subject.uscc || undefined,
          maskedIdNumber: snapshot.subject.maskedIdNumber || undefined,
        },
        decisionNumber: record.decisionNumber,
        decisionDate: changes.decisionDate || current.decisionDate,
        severity: content.severity,
        fields: content.fields,
        persons: content.persons,
        provenance,
      },
    ]);
    if (result.outcome === 'REJECTED') throw new AppError(result.kind, result.errors);
    return result;
  }

  async get(recordId: string): Promise<RecordView> {
    const record = isUuid(recordId) ? await this.dataSource.getRepository(CreditRecordEntity).findOne({ where: { id: recordId } }) : null;
    if (!record) throw notFound();
    const versions = await this.dataSource.getRepository(CreditRecordVersionEntity).find({ where: { recordId }, order: { version: 'ASC' } });
    return {
      record,
      versions: versions.map((v) => ({
        ...v,
        fields: maskedFields(v.fields) as Record<string, unknown>,
        relatedPersons: v.relatedPersons.map((p) => ({ role: p.role, subjectKey: p.subjectKey, name: p.name, maskedIdNumber: p.maskedIdNumber })),
      })),
    };
  }

  /** The record, locked, after checking that it exists and belongs to the department. */
  private async ownedRecord(tx: Transaction, departmentId: string, recordId: string, options: { allowRevoked?: boolean } = {}): Promise<RecordSnapshot> {
    const snapshot = (await this.statuses.loadForUpdate(tx.manager, [recordId])).get(recordId);
    if (!snapshot) throw notFound();
    if (snapshot.record.providerDepartmentId !== departmentId) {
      throw AppError.one('FORBIDDEN', 'RECORD_NOT_OWNED', '只有提供单位可以更正或撤销该记录', 'Only the department that provided the record may correct or revoke it.', 'recordId');
    }
    if (!options.allowRevoked && snapshot.record.status === 'REVOKED') {
      throw AppError.one('CONFLICT', 'RECORD_REVOKED', '该记录已撤销', 'The record is revoked.', 'recordId');
    }
    return snapshot;
  }

  private prepare(
    provider: string,
    input: RecordRowInput,
    index: number,
    items: Map<string, { item: CatalogueItemEntity; responsibleDepartmentIds: string[] }>,
  ): PreparedRow | { kind: ErrorKind; errors: DomainError[] } {
    const code = input.catalogueItemCode?.trim() ?? '';
    const view = items.get(code);
    if (code && !view) {
      return {
        kind: 'VALIDATION',
        errors: [err('CATALOGUE_ITEM_UNKNOWN', 'catalogueItemCode', `目录中没有此信息项：${code}`, `No catalogue item with code ${code}.`)],
      };
    }
    if (view && !mayDepartmentSubmit(view, provider)) {
      return {
        kind: 'FORBIDDEN',
        errors: [
          err('CATALOGUE_ITEM_NOT_RESPONSIBLE', 'catalogueItemCode', `本部门不是目录项 ${code} 的责任单位`, `Your department is not responsible for catalogue item ${code}.`),
        ],
      };
    }
    const shaped = validateShape(input);
    if (!shaped.row || !view) return { kind: 'VALIDATION', errors: shaped.errors };
    const { row } = shaped;
    const errors = distinct([...validateAgainstItem(view.item, row.subject.type, row.fields, row.severity), ...this.schemas.validate(view.item, row.fields)]);
    if (errors.length > 0) return { kind: 'VALIDATION', errors };
    return {
      index,
      item: view.item,
      subject: row.subject,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      severity: view.item.adverse ? row.severity : null,
      fields: row.fields,
      persons: row.persons,
      provenance: { changeKind: 'SUBMITTED', reason: null, submittedBy: provider, objectionId: null },
    };
  }

  /**
   * Two transactions inserting the same natural key or subject: the loser sees the winner's row on the next
   * pass. Two batches touching the same records in another order may deadlock: the victim runs again.
   */
  private async withRaceRetry<T>(work: () => Promise<T>): Promise<T> {
    const retryable: string[] = [PgErrorCode.UniqueViolation, PgErrorCode.DeadlockDetected];
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt < 3 && retryable.includes(pgErrorCode(error) ?? '')) continue;
        throw error;
      }
    }
  }

  /** Stores prepared rows of one provider in the caller's transaction, with a few statements for the whole set. */
  private async storeRows(tx: Transaction, provider: string, rows: PreparedRow[]): Promise<RowResult[]> {
    const { manager } = tx;
    const subjectKeys = [...new Set(rows.map((r) => r.subject.key))];
    const known: { key: string; name: string }[] = await manager.query(
      'SELECT key, name FROM record_collection.subject WHERE key = ANY($1::text[])',
      [subjectKeys],
    );
    const knownNames = new Map(known.map((s) => [s.key, s.name]));
    const storedKeys = new Set(known.map((s) => s.key));

    const newSubjects = new Map<string, Partial<SubjectEntity>>();
    const addSubject = (s: StoredSubject) => {
      if (storedKeys.has(s.key) || newSubjects.has(s.key)) return;
      newSubjects.set(s.key, { key: s.key, type: s.type, name: s.name, uscc: s.uscc ?? null, maskedIdNumber: s.maskedIdNumber ?? null });
    };

    const existing: CreditRecordEntity[] = (
      await manager.query(
        `SELECT id, provider_department_id, catalogue_item_code, decision_number, subject_key, current_version, content_hash, status,
                publicity_end::text AS publicity_end, period_end::text AS period_end
           FROM record_collection.credit_record
          WHERE provider_department_id = $1 AND (catalogue_item_code, decision_number) IN (SELECT * FROM json_to_recordset($2::json) AS k(c text, d text))
          ORDER BY id FOR UPDATE`,
        [provider, JSON.stringify(rows.map((r) => ({ c: r.item.code, d: r.decisionNumber })))],
      )
    ).map((r: Record<string, string | number | null>) =>
      Object.assign(new CreditRecordEntity(), {
        id: r.id,
        providerDepartmentId: r.provider_department_id,
        catalogueItemCode: r.catalogue_item_code,
        decisionNumber: r.decision_number,
        subjectKey: r.subject_key,
        currentVersion: Number(r.current_version),
        contentHash: r.content_hash,
        status: r.status,
        publicityEnd: r.publicity_end,
        periodEnd: r.period_end,
      }),
    );
    const byNaturalKey = new Map(existing.map((r) => [naturalKey(r.catalogueItemCode, r.decisionNumber), r]));
    const inserted = new Set<CreditRecordEntity>();
    const updated = new Set<CreditRecordEntity>();
    const versions: Partial<CreditRecordVersionEntity>[] = [];
    const issues: Partial<DataQualityIssueEntity>[] = [];
    const results: RowResult[] = [];
    const collectedAt = new Date().toISOString();
    const timeliness: { record: CreditRecordEntity; row: PreparedRow; complete: boolean }[] = [];
    const completeness = new Map<string, boolean>();

    for (const row of rows) {
      const { item, subject } = row;
      const content = {
        subjectKey: subject.key,
        subjectName: subject.name,
        decisionDate: row.decisionDate,
        severity: item.adverse ? row.severity : null,
        fields: row.fields as never,
        itemVersion: item.version,
      };
      const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
      const knownName = knownNames.get(subject.key);
      const nameMismatch = subject.type !== SubjectType.NATURAL_PERSON && knownName !== undefined && knownName !== subject.name;
      if (knownName === undefined) knownNames.set(subject.key, subject.name);

      const nk = naturalKey(item.code, row.decisionNumber);
      let record = byNaturalKey.get(nk);
      if (record && record.contentHash === contentHash) {
        results.push({ index: row.index, recordId: record.id, version: record.currentVersion, outcome: 'UNCHANGED', subjectKey: record.subjectKey, nameMismatch });
        continue;
      }
      if (record && record.status === 'REVOKED') {
        results.push({
          index: row.index,
          outcome: 'REJECTED',
          kind: 'CONFLICT',
          errors: [err('RECORD_REVOKED', 'decisionNumber', '该决定文书号的记录已撤销', 'The record with this decision number has been revoked.')],
        });
        continue;
      }
      addSubject(subject);
      const persons: StoredRelatedPerson[] = attributesToPersons(subject.type, row.severity)
        ? row.persons.map((p) => ({ role: p.role, name: p.subject.name, idNumber: p.subject.idNumber!, maskedIdNumber: p.subject.maskedIdNumber!, subjectKey: p.subject.key }))
        : [];
      for (const p of row.persons) if (persons.length > 0) addSubject(p.subject);

      const window = this.publicity(item, subject, row.severity, row.decisionDate);
      const outcome: SubmitOutcome = record ? 'NEW_VERSION' : 'CREATED';
      if (!record) {
        record = Object.assign(new CreditRecordEntity(), {
          id: uuidV7(), // time-ordered: the primary-key index grows at its edge (uuid-v7.ts)
          providerDepartmentId: provider,
          catalogueItemCode: item.code,
          decisionNumber: row.decisionNumber,
          subjectKey: subject.key,
          currentVersion: 1,
          contentHash,
          status: 'ACTIVE' as RecordStatusValue,
          statusCause: null,
          statusChangedAt: null,
          publicityEnd: window?.end ?? null,
          periodEnd: window?.periodEnd ?? null,
        });
        byNaturalKey.set(nk, record);
        inserted.add(record);
      } else {
        record.currentVersion += 1;
        record.contentHash = contentHash;
        record.subjectKey = subject.key;
        record.periodEnd = window?.periodEnd ?? null;
        // A repaired or ended record keeps its (earlier) display end; an active one follows the new window.
        if (record.status === 'ACTIVE') record.publicityEnd = window?.end ?? null;
        if (!inserted.has(record)) updated.add(record);
      }
      const version = record.currentVersion;
      if (DOUBLE_PUBLICITY_CATEGORIES.includes(item.category)) {
        const complete = isComplete(item.optionalFields ?? [], row.fields);
        if (outcome === 'CREATED') timeliness.push({ record, row, complete });
        else completeness.set(record.id, complete);
      }
      versions.push({
        recordId: record.id,
        version,
        catalogueItemVersion: item.version,
        subjectKey: subject.key,
        subjectName: subject.name,
        decisionDate: row.decisionDate,
        severity: item.adverse ? row.severity : null,
        fields: row.fields,
        publicityStart: window?.end ? window.start : null,
        publicityEnd: window?.end ?? null,
        policyVersion: window?.policyVersion ?? null,
        contentHash,
        changeKind: row.provenance.changeKind,
        reason: row.provenance.reason,
        submittedByDepartmentId: row.provenance.submittedBy,
        objectionId: row.provenance.objectionId,
        relatedPersons: persons,
      });
      if (nameMismatch) {
        issues.push({
          kind: 'NAME_MISMATCH',
          subjectKey: subject.key,
          recordId: record.id,
          recordVersion: version,
          providerDepartmentId: provider,
          knownName: knownName!,
          submittedName: subject.name,
        });
      }
      const relatedPersons: RelatedPerson[] = persons.map((p) => ({
        role: p.role,
        person: { key: p.subjectKey, type: subjectTypeToProto('NATURAL_PERSON'), name: p.name, uscc: '', maskedIdNumber: p.maskedIdNumber },
      }));
      tx.emit({
        definition: Events.RecordCollected,
        subjectKey: subject.key,
        id: `record-${record.id}-v${version}`,
        payload: {
          recordId: record.id,
          version,
          subject: {
            key: subject.key,
            type: subjectTypeToProto(subject.type),
            name: subject.name,
            uscc: subject.uscc ?? '',
            maskedIdNumber: subject.maskedIdNumber ?? '',
          },
          catalogueItemCode: item.code,
          catalogueItemVersion: item.version,
          category: item.category,
          providerDepartmentId: provider,
          decisionNumber: row.decisionNumber,
          decisionDate: row.decisionDate,
          adverse: item.adverse,
          severity: severityToProto(item.adverse ? row.severity : null),
          disclosure: item.disclosure,
          publicityStart: record.publicityEnd && window?.end ? window.start : '',
          publicityEnd: record.publicityEnd ?? '',
          fieldsJson: JSON.stringify(maskedFields(row.fields)),
          jurisdiction: this.deps.config.jurisdiction,
          policyVersion: window?.policyVersion ?? '',
          collectedAt,
          relatedPersons,
          submittedByDepartmentId: row.provenance.submittedBy,
          objectionId: row.provenance.objectionId ?? '',
        },
      });
      results.push({ index: row.index, recordId: record.id, version, outcome, subjectKey: subject.key, nameMismatch });
    }

    // One statement per table whatever the number of rows: the rows travel as ONE json parameter
    // (json_to_recordset): no parameter limit, and no per-element escaping of array literals in the driver.
    if (newSubjects.size > 0) {
      await manager.query(
        `INSERT INTO record_collection.subject (key, type, name, uscc, masked_id_number)
         SELECT * FROM json_to_recordset($1::json) AS s(key text, type text, name text, uscc text, masked_id_number text) ON CONFLICT DO NOTHING`,
        [JSON.stringify([...newSubjects.values()].map((x) => ({ key: x.key, type: x.type, name: x.name, uscc: x.uscc ?? null, masked_id_number: x.maskedIdNumber ?? null })))],
      );
    }
    // New records, their versions and timeliness rows by COPY where the database takes it (insertRows): the bulk of
    // an import's statement time.
    const { copy } = tx;
    await insertRows(
      manager,
      'record_collection.credit_record',
      RECORD_COLUMNS,
      [...inserted].map((x) => [x.id, x.providerDepartmentId, x.catalogueItemCode, x.decisionNumber, x.subjectKey, x.currentVersion, x.contentHash, x.status, x.publicityEnd, x.periodEnd]),
      { copy },
    );
    if (updated.size > 0) {
      const r = [...updated];
      await manager.query(
        `UPDATE record_collection.credit_record c
            SET current_version = u.version, content_hash = u.hash, subject_key = u.subject_key, publicity_end = u.publicity_end, period_end = u.period_end
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::date[], $6::date[]) AS u(id, version, hash, subject_key, publicity_end, period_end)
          WHERE c.id = u.id`,
        [r.map((x) => x.id), r.map((x) => x.currentVersion), r.map((x) => x.contentHash), r.map((x) => x.subjectKey), r.map((x) => x.publicityEnd), r.map((x) => x.periodEnd)],
      );
    }
    await insertRows(
      manager,
      'record_collection.credit_record_version',
      VERSION_COLUMNS,
      versions.map((x) => [
        x.recordId, x.version, x.catalogueItemVersion, x.subjectKey, x.subjectName, x.decisionDate, x.severity, x.fields, x.publicityStart, x.publicityEnd,
        x.policyVersion, x.contentHash, x.changeKind, x.reason, x.submittedByDepartmentId, x.objectionId, x.relatedPersons,
      ]),
      { copy },
    );
    if (issues.length > 0) await manager.insert(DataQualityIssueEntity, issues);
    await this.storeTimeliness(manager, timeliness, completeness, copy);
    return results;
  }

  /**
   * 双公示: decision date → first submission (today) in working days against the policy limit at the
   * decision date, for new licensing and penalty records; a new version updates completeness.
   */
  private async storeTimeliness(
    manager: EntityManager,
    created: { record: CreditRecordEntity; row: PreparedRow; complete: boolean }[],
    completeness: Map<string, boolean>,
    copy: boolean,
  ): Promise<void> {
    if (created.length > 0) {
      const submittedOn = this.clock.today();
      const rows = created.map(({ record, row, complete }) => {
        const { limit, policyVersion } = this.publicationLimit(row.decisionDate);
        return { record, row, complete, limit, policyVersion, measured: this.measured(row.decisionDate, submittedOn, limit) };
      });
      // (New records only: their ids are new in this transaction, so there is no row to conflict with.)
      await insertRows(
        manager,
        'record_collection.record_timeliness',
        TIMELINESS_COLUMNS,
        rows.map((x) => [
          x.record.id, x.record.providerDepartmentId, x.record.catalogueItemCode, x.record.decisionNumber, x.row.decisionDate, submittedOn, x.limit,
          x.measured.workingDays, x.measured.onTime, x.measured.daysLate, x.complete, x.policyVersion,
        ]),
        { copy },
      );
    }
    if (completeness.size > 0) {
      await manager.query(
        `UPDATE record_collection.record_timeliness t SET complete = u.complete
           FROM unnest($1::uuid[], $2::boolean[]) AS u(id, complete) WHERE t.record_id = u.id`,
        [[...completeness.keys()], [...completeness.values()]],
      );
    }
  }

  /** Working days from decision to submission: bulk imports measure thousands of decision dates against one day. */
  private measured(decisionDate: string, submittedOn: string, limit: number): Timeliness {
    if (this.timelinessToDay?.submittedOn !== submittedOn) this.timelinessToDay = new TimelinessToDay(submittedOn, defaultCalendar());
    return this.timelinessToDay.measure(decisionDate, limit);
  }

  private publicationLimit(decisionDate: string): { limit: number; policyVersion: string } {
    let cached = this.publicationLimits.get(decisionDate);
    if (!cached) {
      const policy = this.policies.resolve(this.deps.config.jurisdiction, decisionDate);
      cached = { limit: policy.parameters.doublePublicityWorkingDays, policyVersion: policy.versionIds.join('+') };
      if (this.publicationLimits.size >= 20_000) this.publicationLimits.clear();
      this.publicationLimits.set(decisionDate, cached);
    }
    return cached;
  }

  /**
   * The period of an adverse record from the policy in force at its decision date: `periodEnd` (the
   * maximum, for every adverse record) and the displayed window. Penalties of natural persons are not
   * publicly displayed (NDRC Order 58), nor is non-public information.
   */
  private publicity(item: CatalogueItemEntity, subject: StoredSubject, severity: SeverityTier | null, decisionDate: string) {
    if (!item.adverse || !severity) return null;
    // The registry is fixed for the process: a window depends only on (tier, date); bulk imports repeat both.
    const key = `${severity}|${decisionDate}`;
    let cached = this.windows.get(key);
    if (!cached) {
      const policy = this.policies.resolve(this.deps.config.jurisdiction, decisionDate);
      const window = publicityWindow(severity, decisionDate, policy.parameters);
      cached = { start: window.start, maxEnd: window.maxEnd, policyVersion: policy.versionIds.join('+') };
      if (this.windows.size >= 20_000) this.windows.clear();
      this.windows.set(key, cached);
    }
    const displayed = item.disclosure === 'PUBLIC' && subject.type !== SubjectType.NATURAL_PERSON;
    return { start: cached.start, end: displayed ? cached.maxEnd : null, periodEnd: cached.maxEnd, policyVersion: cached.policyVersion };
  }
}

function naturalKey(code: string, decisionNumber: string): string {
  return `${code}\u0000${decisionNumber}`;
}

/** The same problem reported by two checks (required fields, schema) once. */
function distinct(errors: DomainError[]): DomainError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}|${e.field ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notFound(): AppError {
  return AppError.one('NOT_FOUND', 'RECORD_NOT_FOUND', '没有此信用记录', 'No such credit record.', 'recordId');
}
