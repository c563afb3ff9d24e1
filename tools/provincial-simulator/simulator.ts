// A simulator of the provincial credit information sharing platform's exchange API (省级平台数据交换接口), for the
// provincial-exchange connector's tests and for integration engineers trying the connector locally.
// It implements the protocol independently of the connector (its own signature check and checksums), so a
// protocol mistake on either side shows up as a refusal or a reconciliation difference. Standalone: Node only.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** appKey → app secret of the platforms allowed to exchange. */
  apps: Record<string, string>;
  /** Share of item posts refused with 500 before anything is stored (0–1). */
  failureRate?: number;
  /** Share of item posts stored and then answered with 500 (the acknowledgement lost): the sender re-sends. */
  ackLossRate?: number;
  /** Share of item posts answered twice as slowly as `slowMs` (0–1), and the delay. */
  slowRate?: number;
  slowMs?: number;
  /** Allowed clock skew of the `timestamp` header. */
  maxSkewMs?: number;
  /** Seed of the pseudo-random failures (the same seed gives the same sequence). */
  seed?: number;
  /** Serve the `/__sim/*` control API (tests, local trials). */
  control?: boolean;
}

/** One item as received (first receipt), in order of arrival. */
export interface ReceivedItem {
  itemId: string;
  resource: string;
  subjectKey: string;
  businessDate: string;
  operation: string;
  data: Record<string, unknown>;
  checksum: string;
  /** Order of first receipt, from 1. */
  receivedSeq: number;
  /** How many posts of this item arrived (first + duplicates). */
  deliveries: number;
  receivedAt: string;
}

/** An upstream list item (失信被执行人, provincial red/black lists), in the province's field codes. */
export interface UpstreamItem {
  /** The province's id of the item; the same id later carries updates and the removal. */
  id: string;
  op: 'UPSERT' | 'REMOVE';
  data: Record<string, unknown>;
}

export interface SimulatorStats {
  posts: number;
  refusedSignature: number;
  failed: number;
  ackLost: number;
  duplicates: number;
}

export interface ProvincialSimulator {
  url: string;
  received(): ReceivedItem[];
  /** Forget an item (as if the province lost it): reconciliation must find and re-send it. */
  deleteItem(itemId: string): boolean;
  /** Append items to an upstream list; each gets the next cursor position. */
  publish(listCode: string, items: UpstreamItem[]): void;
  /** Change the fault injection, or the registered apps (a secret rotated on the province's side). */
  setOptions(options: Partial<Pick<SimulatorOptions, 'apps' | 'failureRate' | 'ackLossRate' | 'slowRate' | 'slowMs'>>): void;
  stats(): SimulatorStats;
  stop(): Promise<void>;
}

/** Request headers of the signature (HTTP header names are case-insensitive; Node lower-cases them). */
export const SIGNATURE_HEADERS = { appKey: 'appkey', timestamp: 'timestamp', nonce: 'nonce', signature: 'signature' } as const;

/** Hex SHA-256 of a string or buffer. */
export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The string signed: method, path (with query), timestamp, nonce and the body's SHA-256, one per line. */
export function stringToSign(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return [method.toUpperCase(), path, timestamp, nonce, sha256Hex(body)].join('\n');
}

/** JSON with object keys sorted at every level: the form item checksums are computed over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Day checksum of a resource: SHA-256 over the sorted lines `<itemId>:<itemChecksum>`. */
export function dayChecksum(items: { itemId: string; checksum: string }[]): string {
  return sha256Hex(
    items
      .map((i) => `${i.itemId}:${i.checksum}`)
      .sort()
      .join('\n'),
  );
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startProvincialSimulator(options: SimulatorOptions): Promise<ProvincialSimulator> {
  const settings = { failureRate: 0, ackLossRate: 0, slowRate: 0, slowMs: 200, maxSkewMs: 5 * 60_000, control: true, ...options };
  const random = mulberry32(settings.seed ?? 20261123);
  const items = new Map<string, ReceivedItem>();
  const nonces = new Map<string, number>();
  const lists = new Map<string, (UpstreamItem & { cursor: number })[]>();
  let receivedSeq = 0;
  let cursor = 0;
  const stats: SimulatorStats = { posts: 0, refusedSignature: 0, failed: 0, ackLost: 0, duplicates: 0 };

  const verify = (req: IncomingMessage, body: string) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const appKey = header(SIGNATURE_HEADERS.appKey);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const signature = header(SIGNATURE_HEADERS.signature);
    if (!appKey || !timestamp || !nonce || !signature) throw new HttpRefusal(401, 'SIGNATURE_MISSING', 'appKey, timestamp, nonce and signature headers are required');
    const secret = settings.apps[appKey];
    if (!secret) throw new HttpRefusal(401, 'APP_KEY_UNKNOWN', 'unknown appKey');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > settings.maxSkewMs) throw new HttpRefusal(401, 'TIMESTAMP_EXPIRED', 'timestamp outside the allowed skew');
    const expected = createHmac('sha256', secret).update(stringToSign(req.method ?? 'GET', req.url ?? '/', timestamp, nonce, body)).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpRefusal(401, 'SIGNATURE_INVALID', 'signature does not match');
    const now = Date.now();
    for (const [n, at] of nonces) if (now - at > settings.maxSkewMs) nonces.delete(n);
    if (nonces.has(`${appKey}:${nonce}`)) throw new HttpRefusal(401, 'NONCE_REUSED', 'nonce already used (replay)');
    nonces.set(`${appKey}:${nonce}`, now);
  };

  const receive = (body: string) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new HttpRefusal(400, 'BODY_INVALID', 'body is not JSON');
    }
    const { itemId, resource, subjectKey, businessDate, operation, data, checksum } = parsed as Record<string, unknown>;
    if (typeof itemId !== 'string' || !itemId || typeof resource !== 'string' || typeof businessDate !== 'string' || !data || typeof data !== 'object') {
      throw new HttpRefusal(400, 'ITEM_INVALID', 'itemId, resource, businessDate and data are required');
    }
    if (checksum !== sha256Hex(canonicalJson(data))) throw new HttpRefusal(400, 'CHECKSUM_MISMATCH', 'checksum does not match the data');
    const known = items.get(itemId);
    if (known) {
      known.deliveries += 1;
      stats.duplicates += 1;
      return { code: 'DUPLICATE', itemId, ackId: `ACK-${known.receivedSeq}` };
    }
    receivedSeq += 1;
    items.set(itemId, {
      itemId,
      resource,
      subjectKey: String(subjectKey ?? ''),
      businessDate,
      operation: String(operation ?? ''),
      data: data as Record<string, unknown>,
      checksum,
      receivedSeq,
      deliveries: 1,
      receivedAt: new Date().toISOString(),
    });
    return { code: 'OK', itemId, ackId: `ACK-${receivedSeq}` };
  };

  const reconciliation = (date: string) => {
    const byResource = new Map<string, ReceivedItem[]>();
    for (const item of items.values()) {
      if (item.businessDate !== date) continue;
      byResource.set(item.resource, [...(byResource.get(item.resource) ?? []), item]);
    }
    return {
      date,
      resources: [...byResource.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([resource, list]) => ({ resource, count: list.length, checksum: dayChecksum(list) })),
    };
  };

  const handle = async (req: IncomingMessage, body: string): Promise<{ status: number; body: unknown }> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    if (settings.control && path.startsWith('/__sim/')) return control(req, path, url, body);
    try {
      verify(req, body);
    } catch (error) {
      stats.refusedSignature += 1;
      throw error;
    }
    if (req.method === 'POST' && path === '/api/exchange/v1/items') {
      stats.posts += 1;
      if (random() < settings.slowRate) await new Promise((r) => setTimeout(r, settings.slowMs));
      if (random() < settings.failureRate) {
        stats.failed += 1;
        return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'simulated failure' } };
      }
      const ack = receive(body);
      if (random() < settings.ackLossRate) {
        stats.ackLost += 1;
        return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'simulated failure after storing (acknowledgement lost)' } };
      }
      return { status: 200, body: ack };
    }
    if (req.method === 'GET' && path === '/api/exchange/v1/reconciliation') {
      const date = url.searchParams.get('date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new HttpRefusal(400, 'DATE_INVALID', 'date must be YYYY-MM-DD');
      return { status: 200, body: reconciliation(date) };
    }
    if (req.method === 'GET' && path === '/api/exchange/v1/reconciliation/items') {
      const date = url.searchParams.get('date') ?? '';
      const resource = url.searchParams.get('resource') ?? '';
      const list = [...items.values()].filter((i) => i.businessDate === date && i.resource === resource).map((i) => ({ itemId: i.itemId, checksum: i.checksum }));
      return { status: 200, body: { date, resource, items: list } };
    }
    const listMatch = /^\/api\/exchange\/v1\/lists\/([A-Z0-9_]+)$/.exec(path);
    if (req.method === 'GET' && listMatch) {
      const since = Number(url.searchParams.get('since') ?? '0') || 0;
      const limit = Math.min(Number(url.searchParams.get('limit') ?? '100') || 100, 500);
      const page = (lists.get(listMatch[1]) ?? []).filter((i) => i.cursor > since).slice(0, limit);
      const next = page.length > 0 ? page[page.length - 1].cursor : since;
      return { status: 200, body: { listCode: listMatch[1], items: page.map(({ cursor: c, ...item }) => ({ ...item, cursor: String(c) })), nextCursor: String(next), hasMore: page.length === limit } };
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: `${req.method} ${path}` } };
  };

  const control = (req: IncomingMessage, path: string, url: URL, body: string): { status: number; body: unknown } => {
    if (path === '/__sim/health') return { status: 200, body: { ok: true } };
    if (path === '/__sim/received') return { status: 200, body: { items: simulator.received(), stats } };
    if (path === '/__sim/items' && req.method === 'DELETE') return { status: simulator.deleteItem(url.searchParams.get('itemId') ?? '') ? 200 : 404, body: {} };
    if (path === '/__sim/options' && req.method === 'POST') {
      simulator.setOptions(JSON.parse(body) as Parameters<ProvincialSimulator['setOptions']>[0]);
      return { status: 200, body: {} };
    }
    const listMatch = /^\/__sim\/lists\/([A-Z0-9_]+)$/.exec(path);
    if (listMatch && req.method === 'POST') {
      simulator.publish(listMatch[1], (JSON.parse(body) as { items: UpstreamItem[] }).items);
      return { status: 200, body: {} };
    }
    return { status: 404, body: { code: 'NOT_FOUND' } };
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      handle(req, body)
        .catch((error: unknown) =>
          error instanceof HttpRefusal ? { status: error.status, body: { code: error.code, message: error.message } } : { status: 500, body: { code: 'INTERNAL_ERROR', message: String(error) } },
        )
        .then((result) => {
          res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(result.body));
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(settings.port ?? 0, settings.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  const simulator: ProvincialSimulator = {
    url: `http://${settings.host ?? '127.0.0.1'}:${address.port}`,
    received: () => [...items.values()].sort((a, b) => a.receivedSeq - b.receivedSeq),
    deleteItem: (itemId) => items.delete(itemId),
    publish: (listCode, list) => {
      const existing = lists.get(listCode) ?? [];
      for (const item of list) existing.push({ ...item, cursor: ++cursor });
      lists.set(listCode, existing);
    },
    setOptions: (changes) => Object.assign(settings, changes),
    stats: () => ({ ...stats }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return simulator;
}
