import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The provincial exchange protocol (see docs/PROVINCIAL-EXCHANGE.md): every request carries the headers
 * appKey, timestamp (epoch ms), nonce and signature = hex HMAC-SHA256(app secret, METHOD \n PATH \n
 * timestamp \n nonce \n hex SHA-256(body)). Item checksums are SHA-256 over the canonical JSON of the item's
 * data; a day's checksum per resource is SHA-256 over the sorted lines `<itemId>:<checksum>`.
 */
export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function stringToSign(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return [method.toUpperCase(), path, timestamp, nonce, sha256Hex(body)].join('\n');
}

export function signatureHeaders(
  credentials: { appKey: string; appSecret: string },
  method: string,
  path: string,
  body: string,
  now: Date,
  nonce = randomBytes(16).toString('hex'),
): Record<string, string> {
  const timestamp = String(now.getTime());
  const signature = createHmac('sha256', credentials.appSecret).update(stringToSign(method, path, timestamp, nonce, body)).digest('hex');
  return { appKey: credentials.appKey, timestamp, nonce, signature };
}

/** JSON with object keys sorted at every level; undefined members are left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const itemChecksum = (data: Record<string, unknown>): string => sha256Hex(canonicalJson(data));

export function dayChecksum(items: { itemId: string; checksum: string }[]): string {
  return sha256Hex(
    items
      .map((i) => `${i.itemId}:${i.checksum}`)
      .sort()
      .join('\n'),
  );
}

/** What the connector posts for one item. */
export interface ExchangeItem {
  itemId: string;
  resource: string;
  subjectKey: string;
  /** YYYY-MM-DD (Asia/Shanghai) of the event: the day reconciliation counts it in. */
  businessDate: string;
  /** UPSERT (a record, an entry, a result) or STATUS (a status change of something sent before). */
  operation: string;
  /** The item in the province's field codes. */
  data: Record<string, unknown>;
  checksum: string;
}
