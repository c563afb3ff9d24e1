import { Inject, Injectable } from '@nestjs/common';
import { signatureHeaders } from './exchange-protocol';
import { EXCHANGE_CLOCK, EXCHANGE_SETTINGS, type Clock, type ExchangeSettings } from './exchange.settings';

export interface ProvinceResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Signed HTTP calls to the province's exchange API. The app secret only ever enters the HMAC. */
@Injectable()
export class ProvinceClient {
  constructor(
    @Inject(EXCHANGE_SETTINGS) private readonly settings: ExchangeSettings,
    @Inject(EXCHANGE_CLOCK) private readonly clock: Clock,
  ) {}

  /** `pathAndQuery` starts with `/`; it is what is signed. Network failures and timeouts throw. */
  async request(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<ProvinceResponse> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const base = new URL(this.settings.provinceUrl);
    const path = `${base.pathname.replace(/\/$/, '')}${pathAndQuery}`;
    const response = await fetch(new URL(path, base.origin), {
      method,
      headers: {
        ...signatureHeaders(this.settings, method, path, text, this.clock()),
        ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      },
      body: body === undefined ? undefined : text,
      signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
    });
    const raw = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      const json: unknown = raw ? JSON.parse(raw) : {};
      if (json && typeof json === 'object') parsed = json as Record<string, unknown>;
    } catch {
      parsed = { message: raw.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  }

  /** GET that must succeed (reconciliation, pulls): anything but 200 throws with the province's code. */
  async getJson<T>(pathAndQuery: string): Promise<T> {
    const response = await this.request('GET', pathAndQuery);
    if (response.status !== 200) {
      throw new Error(`province answered ${response.status} ${String(response.body.code ?? '')} to GET ${pathAndQuery.split('?')[0]}`);
    }
    return response.body as T;
  }
}
