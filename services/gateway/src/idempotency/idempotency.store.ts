import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalJson } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\w.:-]{8,128}$/;

/** The request's key, or undefined without one; a malformed key is refused. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key) return undefined;
  if (!KEY.test(key)) {
    throw AppError.one('VALIDATION', 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8–128 位字母、数字或 . _ : -', 'Idempotency-Key must be 8–128 characters of letters, digits, . _ : -', 'Idempotency-Key');
  }
  return key;
}

/** SHA-256 of the operation and its body: the same key with another body is refused. */
export const requestHashOf = (operation: string, body: unknown): string => createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');

export type Claim = { replay: false } | { replay: true; statusCode: number; response: unknown };

/**
 * Idempotency keys per client (gateway.idempotency_record): the first request with a key claims it, its response is
 * kept; the same key with the same request gets that response again; with another request, or while the first is
 * still running, it is refused (409). A failed request frees its key so the client's retry runs again. Used by the
 * REST hooks (idempotency.hooks.ts) and by the GraphQL mutations' interceptor (idempotency.interceptor.ts).
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(clientId: string, key: string, requestHash: string): Promise<Claim> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency_record (client_id, key, request_hash, status_code, response, created_at)
       VALUES ($1, $2, $3, NULL, NULL, now()) ON CONFLICT (client_id, key) DO NOTHING RETURNING key`,
      [clientId, key, requestHash],
    );
    if (claimed.length > 0) return { replay: false };
    const [existing] = await this.dataSource.query<{ request_hash: string; status_code: number | null; response: unknown }[]>(
      'SELECT request_hash, status_code, response FROM gateway.idempotency_record WHERE client_id = $1 AND key = $2',
      [clientId, key],
    );
    if (existing && existing.request_hash !== requestHash) {
      throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request', 'Idempotency-Key');
    }
    // (no row: a failed first request freed the key between the two statements; the client's retry runs)
    if (!existing || existing.status_code === null) {
      throw AppError.one('CONFLICT', 'IDEMPOTENCY_IN_PROGRESS', '相同请求仍在处理中，请稍后重试', 'The same request is still being processed; retry later', 'Idempotency-Key');
    }
    return { replay: true, statusCode: existing.status_code, response: existing.response };
  }

  /** Keeps the first response: `json` is its JSON text (REST, as sent) or a value (GraphQL, serialised here). */
  async complete(clientId: string, key: string, statusCode: number, json: string): Promise<void> {
    await this.dataSource.query('UPDATE gateway.idempotency_record SET status_code = $3, response = $4::jsonb WHERE client_id = $1 AND key = $2', [
      clientId,
      key,
      statusCode,
      json,
    ]);
  }

  /** Nothing happened (or it is unknown): the key is free again. */
  async release(clientId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM gateway.idempotency_record WHERE client_id = $1 AND key = $2', [clientId, key]);
  }
}
