import { randomUUID } from 'node:crypto';
import { Events, RecordStatus, SeverityTier, SubjectType, type RecordCollected, type RecordStatusChanged } from '@credit/contracts';
import { freePort, spawnService, startServiceUnderTest, uniqueUscc, type ServiceProcess, type ServiceUnderTest } from '@credit/testing';
import { PROVINCIAL_EXCHANGE_PROTO, ProvincialExchangeModule, type ExchangeSettings } from '../src';

export const APP_KEY = 'anhua-county';
export const APP_SECRET = 'test-secret-anhua-0001';

/** Received items as the simulator's control API reports them. */
export interface Received {
  itemId: string;
  resource: string;
  subjectKey: string;
  businessDate: string;
  data: Record<string, unknown>;
  receivedSeq: number;
  deliveries: number;
}

/** The provincial platform simulator (tools/provincial-simulator) as its own process, driven over its control API. */
export class Simulator {
  private constructor(
    readonly url: string,
    private readonly process: ServiceProcess,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<Simulator> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const process = await spawnService(
      'provincial-simulator',
      'tools/provincial-simulator/main.ts',
      { SIM_PORT: String(port), SIM_APPS: `${APP_KEY}:${APP_SECRET}`, SIM_SEED: '7', ...env },
      `${url}/__sim/health`,
    );
    return new Simulator(url, process);
  }

  async received(): Promise<{ items: Received[]; stats: { posts: number; failed: number; ackLost: number; duplicates: number; refusedSignature: number } }> {
    return (await fetch(`${this.url}/__sim/received`)).json() as never;
  }

  async setOptions(options: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.url}/__sim/options`, { method: 'POST', body: JSON.stringify(options) });
    if (response.status !== 200) throw new Error(`simulator options: ${response.status}`);
  }

  async deleteItem(itemId: string): Promise<void> {
    const response = await fetch(`${this.url}/__sim/items?itemId=${encodeURIComponent(itemId)}`, { method: 'DELETE' });
    if (response.status !== 200) throw new Error(`simulator delete: ${response.status}`);
  }

  async publish(listCode: string, items: { id: string; op: 'UPSERT' | 'REMOVE'; data?: Record<string, unknown> }[]): Promise<void> {
    const response = await fetch(`${this.url}/__sim/lists/${listCode}`, { method: 'POST', body: JSON.stringify({ items: items.map((i) => ({ data: {}, ...i })) }) });
    if (response.status !== 200) throw new Error(`simulator publish: ${response.status}`);
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}

/** Fast loops for tests: short backoff, short idle pause, no timers beyond the sender. */
export function testSettings(simulator: Simulator, overrides: Partial<ExchangeSettings> = {}): Partial<ExchangeSettings> & Pick<ExchangeSettings, 'provinceUrl' | 'appKey' | 'appSecret'> {
  return {
    provinceUrl: simulator.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    backoffBaseMs: 10,
    backoffMaxMs: 100,
    maxAttempts: 40,
    idleDelayMs: 20,
    requestTimeoutMs: 5000,
    pullIntervalMs: 0,
    dailyReconciliation: false,
    metricsIntervalMs: 60_000,
    ...overrides,
  };
}

export function startExchange(label: string, settings: ReturnType<typeof testSettings>): Promise<ServiceUnderTest> {
  return startServiceUnderTest(label, (deps) => ProvincialExchangeModule.forRoot(deps, { settings }), { serviceName: 'provincial-exchange', protoFile: PROVINCIAL_EXCHANGE_PROTO });
}

export function company(name = '安化测试茶业有限公司') {
  const uscc = uniqueUscc('430923');
  return { key: `ORG:${uscc}`, type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, maskedIdNumber: '' };
}

/** A 行政处罚 RecordCollected as record-collection emits it. */
export function penaltyCollected(subject: ReturnType<typeof company>, n: number, provider = 'SCJGJ'): RecordCollected {
  return {
    recordId: randomUUID(),
    version: 1,
    subject,
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: provider,
    decisionNumber: `安市监罚〔2026〕${n}号`,
    decisionDate: '2026-11-02',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_GENERAL,
    disclosure: 'PUBLIC',
    publicityStart: '2026-11-02',
    publicityEnd: '2027-11-02',
    fieldsJson: JSON.stringify({ authority: '安化县市场监督管理局', basis: '《食品安全法》第一百二十四条', content: `罚款人民币${n}千元`, penaltyType: '罚款' }),
    jurisdiction: '430923',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: provider,
    objectionId: '',
  };
}

export function statusChanged(record: RecordCollected, status: RecordStatus): RecordStatusChanged {
  return {
    recordId: record.recordId,
    subject: record.subject,
    version: record.version,
    status,
    reason: '公示期满',
    cause: 'EXPIRED',
    causeId: '',
    publicityEnd: record.publicityEnd,
    effectiveDate: '2027-11-02',
    actorDepartmentId: '',
    changedAt: new Date().toISOString(),
    catalogueItemCode: record.catalogueItemCode,
    adverse: true,
    severity: record.severity,
  };
}

export { Events };
