import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { severityToProto, subjectTypeToProto, type RecordInput } from '@credit/contracts';
import { AppError, LOGGER, type ServiceDeps } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { itemChecksum } from './exchange-protocol';
import { EXCHANGE_SETTINGS, type ExchangeSettings } from './exchange.settings';
import { readPath, writePath } from './outbound-mapping';
import { ProvinceClient } from './province.client';
import { RecordCollectionClient } from './record-collection.client';

const PAGE_SIZE = 100;

interface UpstreamItem {
  id: string;
  op: 'UPSERT' | 'REMOVE';
  data: Record<string, unknown>;
}

interface UpstreamPage {
  items: UpstreamItem[];
  nextCursor: string;
  hasMore: boolean;
}

interface ListRow {
  list_code: string;
  name_zh: string;
  catalogue_item_code: string;
  severity: string | null;
  cursor: string;
}

interface KnownItem {
  upstream_id: string;
  state: string;
  record_id: string | null;
  checksum: string;
}

export interface PullResult {
  listCode: string;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  ended: number;
  rejected: number;
  cursor: string;
}

/**
 * Inbound (省级平台下行): pulls the upstream lists (失信被执行人, provincial red and black lists) page by page
 * from the stored cursor; each item becomes a record submission through record-collection's SubmitRecords as
 * the province's department — the same validation as any department, and record-collection's natural key
 * (provider + catalogue item + decision number) makes a re-pull a no-op. A REMOVE ends the record
 * (RevokeRecord). Nothing is written to record-collection's tables and no event is emitted here. The cursor
 * moves only after a page is applied.
 */
@Injectable()
export class InboundPullService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly province: ProvinceClient,
    private readonly records: RecordCollectionClient,
    @Inject(EXCHANGE_SETTINGS) private readonly settings: ExchangeSettings,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.pullIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pull()
        .then((results) => this.log.info({ results }, 'provincial lists pulled'))
        .catch((error: unknown) => this.log.error({ err: error }, 'provincial list pull failed'))
        .finally(() => (this.running = null));
    }, this.settings.pullIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Pulls one list (or every enabled one) up to the province's latest cursor. */
  async pull(listCode?: string): Promise<PullResult[]> {
    const lists = await this.dataSource.query<ListRow[]>(
      `SELECT list_code, name_zh, catalogue_item_code, severity, cursor FROM provincial_exchange.inbound_list
        WHERE enabled AND ($1::text IS NULL OR list_code = $1) ORDER BY list_code`,
      [listCode ?? null],
    );
    if (listCode && lists.length === 0) throw AppError.one('NOT_FOUND', 'LIST_UNKNOWN', '未配置该上级名单', `No enabled upstream list ${listCode}`, 'listCode');
    const results: PullResult[] = [];
    for (const list of lists) results.push(await this.pullList(list));
    return results;
  }

  private async pullList(list: ListRow): Promise<PullResult> {
    const result: PullResult = { listCode: list.list_code, received: 0, created: 0, updated: 0, unchanged: 0, ended: 0, rejected: 0, cursor: list.cursor };
    const mapping = await this.dataSource.query<{ provinceField: string; ourField: string }[]>(
      `SELECT province_field AS "provinceField", our_field AS "ourField" FROM provincial_exchange.field_mapping WHERE direction = 'IN' AND source = $1`,
      [list.list_code],
    );
    for (;;) {
      const page = await this.province.getJson<UpstreamPage>(
        `/api/exchange/v1/lists/${encodeURIComponent(list.list_code)}?since=${encodeURIComponent(result.cursor)}&limit=${PAGE_SIZE}`,
      );
      const items = Array.isArray(page.items) ? page.items : [];
      result.received += items.length;
      await this.applyPage(list, mapping, items, result);
      const next = String(page.nextCursor ?? result.cursor);
      await this.dataSource.query(`UPDATE provincial_exchange.inbound_list SET cursor = $2, last_pulled_at = now() WHERE list_code = $1`, [list.list_code, next]);
      result.cursor = next;
      if (!page.hasMore || items.length === 0) return result;
    }
  }

  private async applyPage(list: ListRow, mapping: { provinceField: string; ourField: string }[], items: UpstreamItem[], result: PullResult): Promise<void> {
    const known = new Map(
      (
        await this.dataSource.query<KnownItem[]>(
          `SELECT upstream_id, state, record_id, checksum FROM provincial_exchange.inbound_item WHERE list_code = $1 AND upstream_id = ANY($2::text[])`,
          [list.list_code, items.map((i) => String(i.id))],
        )
      ).map((k) => [k.upstream_id, k]),
    );
    let batch: { item: UpstreamItem; checksum: string; input: RecordInput }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const current = batch;
      batch = [];
      const response = await this.records.submitRecords({ providerDepartmentId: this.settings.provinceDepartmentId, records: current.map((b) => b.input) });
      for (const row of response.results) {
        const { item, checksum } = current[row.index];
        const before = known.get(item.id);
        if (row.outcome === 'REJECTED') {
          result.rejected += 1;
          const error = row.errors.map((e) => `${e.code} ${e.field}`).join('; ');
          await this.remember(list.list_code, item.id, before?.state === 'ACTIVE' ? 'ACTIVE' : 'REJECTED', before?.record_id ?? null, null, before?.checksum ?? '', error);
          continue;
        }
        if (row.outcome === 'CREATED') result.created += 1;
        else if (row.outcome === 'NEW_VERSION') result.updated += 1;
        else result.unchanged += 1;
        // A changed decision number is a different record: the one it replaces ends.
        if (before?.record_id && before.state === 'ACTIVE' && before.record_id !== row.recordId) {
          await this.records.revokeRecord({ providerDepartmentId: this.settings.provinceDepartmentId, recordId: before.record_id, reason: `省级平台更新：${list.name_zh}（${item.id}）` });
        }
        await this.remember(list.list_code, item.id, 'ACTIVE', row.recordId, row.version, checksum, null);
        known.set(item.id, { upstream_id: item.id, state: 'ACTIVE', record_id: row.recordId, checksum });
      }
    };
    // Within a page, an item's last entry supersedes the earlier ones (a replay never reapplies an old state).
    const latest = new Map<string, UpstreamItem>();
    for (const raw of items) {
      const id = String(raw.id);
      latest.delete(id);
      latest.set(id, { id, op: raw.op === 'REMOVE' ? 'REMOVE' : 'UPSERT', data: raw.data && typeof raw.data === 'object' ? raw.data : {} });
    }
    for (const item of latest.values()) {
      const before = known.get(item.id);
      if (item.op === 'REMOVE') {
        await flush();
        if (before?.state === 'ENDED') {
          result.unchanged += 1;
          continue;
        }
        if (before?.record_id && before.state === 'ACTIVE') {
          // Revoking a revoked record is a no-op in record-collection: a repeated removal changes nothing.
          await this.records.revokeRecord({ providerDepartmentId: this.settings.provinceDepartmentId, recordId: before.record_id, reason: `省级平台移出：${list.name_zh}（${item.id}）` });
          result.ended += 1;
        }
        await this.remember(list.list_code, item.id, 'ENDED', before?.record_id ?? null, null, before?.checksum ?? '', null);
        known.set(item.id, { upstream_id: item.id, state: 'ENDED', record_id: before?.record_id ?? null, checksum: before?.checksum ?? '' });
        continue;
      }
      const checksum = itemChecksum(item.data);
      if (before && before.state === 'ACTIVE' && before.checksum === checksum) {
        result.unchanged += 1;
        continue;
      }
      batch.push({ item, checksum, input: toRecordInput(list, mapping, item.data) });
      if (batch.length >= PAGE_SIZE) await flush();
    }
    await flush();
  }

  private async remember(listCode: string, upstreamId: string, state: string, recordId: string | null, version: number | null, checksum: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO provincial_exchange.inbound_item (list_code, upstream_id, state, record_id, record_version, checksum, last_error, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (list_code, upstream_id) DO UPDATE SET state = excluded.state, record_id = excluded.record_id,
         record_version = COALESCE(excluded.record_version, provincial_exchange.inbound_item.record_version),
         checksum = excluded.checksum, last_error = excluded.last_error, updated_at = now()`,
      [listCode, upstreamId, state, recordId, version, checksum, error],
    );
  }
}

/** The IN field mapping: province field codes → a record submission (subject, decision number and date, fields). */
export function toRecordInput(list: Pick<ListRow, 'catalogue_item_code' | 'severity'>, mapping: { provinceField: string; ourField: string }[], data: Record<string, unknown>): RecordInput {
  const mapped: Record<string, unknown> = {};
  for (const m of mapping) {
    const value = data[m.provinceField];
    if (value !== undefined && value !== null && value !== '') writePath(mapped, m.ourField, typeof value === 'string' ? value.trim() : value);
  }
  const str = (path: string) => {
    const value = readPath(mapped, path);
    return value === undefined || value === null ? '' : String(value);
  };
  const uscc = str('subject.uscc');
  return {
    catalogueItemCode: list.catalogue_item_code,
    subject: {
      type: subjectTypeToProto(uscc ? 'LEGAL_PERSON' : 'NATURAL_PERSON'),
      name: str('subject.name'),
      uscc,
      idNumber: uscc ? '' : str('subject.idNumber'),
    },
    decisionNumber: str('decisionNumber'),
    decisionDate: str('decisionDate'),
    severity: severityToProto(list.severity),
    fieldsJson: JSON.stringify(mapped.fields ?? {}),
  };
}
