import { ClientProxyFactory, Transport, type ClientGrpc } from '@nestjs/microservices';
import { PROTO_PACKAGE, PROTO_ROOT, RecordStatus } from '@credit/contracts';
import { GRPC_LOADER_OPTIONS } from '@credit/runtime';
import { join } from 'node:path';
import { firstValueFrom, type Observable } from 'rxjs';
import { eventually, type ServiceUnderTest } from '@credit/testing';
import { register } from 'prom-client';
import { ExchangeGrpcController, OutboundSender, PROVINCIAL_EXCHANGE_PROTO, ReconciliationService } from '../src';
import { APP_SECRET, company, Events, penaltyCollected, Simulator, startExchange, statusChanged, testSettings } from './province-fixtures';

const SUBJECTS = 6;
const PER_SUBJECT = 5;

describe('provincial exchange: outbound against the simulator', () => {
  let simulator: Simulator;
  let exchange: ServiceUnderTest;

  beforeAll(async () => {
    // 20 % refused with 500 before storing, 15 % stored but the acknowledgement lost (the sender re-sends: duplicates).
    simulator = await Simulator.start({ SIM_FAILURE_RATE: '0.2', SIM_ACK_LOSS_RATE: '0.15' });
    exchange = await startExchange('province_out', testSettings(simulator));
  });

  afterAll(async () => {
    await exchange?.stop();
    await simulator?.stop();
  });

  it('delivers every item exactly once in effect, in order per subject, despite failures and duplicates', async () => {
    const expected = new Map<string, string[]>();
    let firstRecord: ReturnType<typeof penaltyCollected> | undefined;
    for (let s = 0; s < SUBJECTS; s++) {
      const subject = company(`安化测试企业${s}有限公司`);
      const ids: string[] = [];
      for (let n = 0; n < PER_SUBJECT; n++) {
        const record = penaltyCollected(subject, s * 100 + n);
        firstRecord ??= record;
        const id = `rc-${record.recordId}`;
        await exchange.publish(Events.RecordCollected, subject.key, record, id);
        ids.push(id);
        if (n === PER_SUBJECT - 1) {
          const statusId = `st-${record.recordId}`;
          await exchange.publish(Events.RecordStatusChanged, subject.key, statusChanged(record, RecordStatus.RECORD_STATUS_PUBLICITY_ENDED), statusId);
          ids.push(statusId);
        }
      }
      expected.set(subject.key, ids);
    }
    // A redelivered event (same id) is one item, not two.
    await exchange.publish(Events.RecordCollected, firstRecord!.subject!.key, firstRecord!, `rc-${firstRecord!.recordId}`);
    const firstItem = await exchange.db.query<{ item_id: string }>(`SELECT item_id FROM provincial_exchange.outbound_item WHERE item_id = $1`, [`rc-${firstRecord!.recordId}`]);
    expect(firstItem).toHaveLength(1);

    const total = SUBJECTS * (PER_SUBJECT + 1);
    const sender = exchange.app.get(OutboundSender);
    await eventually('every item accepted', async () => ((await sender.status()).sent === total ? true : undefined), 25_000);

    const { items, stats } = await simulator.received();
    // The faults really happened…
    expect(stats.failed).toBeGreaterThan(0);
    expect(stats.ackLost).toBeGreaterThan(0);
    expect(stats.duplicates).toBeGreaterThan(0);
    // …and still each item is held once by the province, and each subject's items arrived in order.
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => i.itemId)).size).toBe(total);
    for (const [subjectKey, ids] of expected) {
      const arrived = items.filter((i) => i.subjectKey === subjectKey).sort((a, b) => a.receivedSeq - b.receivedSeq);
      expect(arrived.map((i) => i.itemId)).toEqual(ids);
    }
    // In the province's field codes, from the mapping table.
    const penalty = items.find((i) => i.resource === 'XZCF')!;
    expect(penalty.data).toMatchObject({ CF_WSH: expect.stringMatching(/^安市监罚〔2026〕\d+号$/), CF_XDR_SHXYM: expect.any(String), CF_CFLB: '罚款', CF_JDRQ: '2026-11-02', CF_SXYZCD: 'GENERAL' });
    expect(items.filter((i) => i.resource === 'XXZT')).toHaveLength(SUBJECTS);
    expect(await sender.status()).toMatchObject({ pending: 0, deadLetters: 0 });

    // The same status over the service's gRPC API (what an operator's grpcurl sees).
    const client = ClientProxyFactory.create({
      transport: Transport.GRPC,
      options: { package: PROTO_PACKAGE, protoPath: join(PROTO_ROOT, PROVINCIAL_EXCHANGE_PROTO), url: exchange.grpcUrl!, loader: GRPC_LOADER_OPTIONS },
    }) as unknown as ClientGrpc & { close(): unknown };
    try {
      const api = client.getService<{ getOutboundStatus(request: object): Observable<{ sent: number; pending: number; deadLetters: number }> }>('ProvincialExchangeService');
      expect(await firstValueFrom(api.getOutboundStatus({}))).toMatchObject({ sent: total, pending: 0, deadLetters: 0 });
    } finally {
      await client.close();
    }
  });

  it('exports a day as NDJSON for front-end-database exchange', async () => {
    const [{ day }] = await exchange.db.query<{ day: string }>(`SELECT to_char(max(business_date), 'YYYY-MM-DD') AS day FROM provincial_exchange.outbound_item`);
    const exported = await exchange.app.get(OutboundSender).exportDay(day);
    const lines = exported.ndjson.trim().split('\n').map((l) => JSON.parse(l) as { itemId: string; checksum: string; data: object });
    expect(exported.count).toBe(SUBJECTS * (PER_SUBJECT + 1));
    expect(lines).toHaveLength(exported.count);
    expect(lines[0]).toEqual(expect.objectContaining({ itemId: expect.any(String), resource: 'XZCF', businessDate: day, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) }));
  });

  it('reconciliation finds an item the province lost and re-sends it', async () => {
    await simulator.setOptions({ failureRate: 0, ackLossRate: 0 });
    const { items } = await simulator.received();
    const lost = items[3];
    await simulator.deleteItem(lost.itemId);

    const reconciliation = exchange.app.get(ReconciliationService);
    const report = await reconciliation.reconcile(lost.businessDate);
    expect(report.differences).toEqual([expect.objectContaining({ itemId: lost.itemId, provinceResource: lost.resource, kind: 'MISSING_AT_PROVINCE', resent: true })]);
    expect(report.resources.find((r) => r.resource === lost.resource)).toMatchObject({ matches: false, theirs: { count: expect.any(Number) } });
    expect(await reconciliation.report(lost.businessDate)).toMatchObject({ runId: report.runId, differences: [expect.objectContaining({ itemId: lost.itemId })] });

    await eventually('the lost item back at the province', async () => ((await simulator.received()).items.some((i) => i.itemId === lost.itemId) ? true : undefined));
    await eventually('the item accepted again', async () => ((await exchange.app.get(OutboundSender).status()).pending === 0 ? true : undefined));
    const after = await reconciliation.reconcile(lost.businessDate);
    expect(after.differences).toEqual([]);
    expect(after.resources.every((r) => r.matches)).toBe(true);
  });
});

describe('provincial exchange: a wrong secret', () => {
  let simulator: Simulator;
  let exchange: ServiceUnderTest;

  beforeAll(async () => {
    simulator = await Simulator.start();
    exchange = await startExchange('province_badsig', testSettings(simulator, { appSecret: 'not-the-registered-secret' }));
  });

  afterAll(async () => {
    await exchange?.stop();
    await simulator?.stop();
  });

  it('is refused by the province and surfaces as dead letters and the DLQ metric, not a silent loss; a re-send delivers', async () => {
    const a = company('安化错误签名甲公司');
    const b = company('安化错误签名乙公司');
    const a1 = penaltyCollected(a, 1);
    const a2 = penaltyCollected(a, 2);
    const b1 = penaltyCollected(b, 3);
    await exchange.publish(Events.RecordCollected, a.key, a1, 'bad-a1');
    await exchange.publish(Events.RecordCollected, a.key, a2, 'bad-a2');
    await exchange.publish(Events.RecordCollected, b.key, b1, 'bad-b1');

    const sender = exchange.app.get(OutboundSender);
    const dead = await eventually('dead letters', async () => {
      const rows = await sender.deadLetters();
      return rows.length === 2 ? rows : undefined;
    });
    // The heads of both subjects, refused at once (401 is not retried) with the province's error code.
    expect(dead.map((d) => d.itemId).sort()).toEqual(['bad-a1', 'bad-b1']);
    for (const d of dead) expect(d).toMatchObject({ attempts: 1, lastHttpStatus: 401, lastError: expect.stringContaining('SIGNATURE_INVALID') });
    // a2 is held behind its subject's dead letter, never sent out of order.
    const status = await sender.refreshMetrics();
    expect(status).toMatchObject({ deadLetters: 2, pending: 1, sent: 0 });
    const metrics = await register.metrics();
    expect(metrics).toMatch(/^credit_province_outbound_dead_letters 2$/m);
    expect(metrics).toMatch(/^credit_province_outbound_pending 1$/m);
    expect(metrics).not.toContain(APP_SECRET);
    // The operator's dead-letter view (gRPC ListDeadLetters).
    const view = await exchange.app.get(ExchangeGrpcController).listDeadLetters({ limit: 0 });
    expect(view.items.map((d) => [d.itemId, d.lastHttpStatus])).toEqual([['bad-a1', 401], ['bad-b1', 401]]);
    const refused = await simulator.received();
    expect(refused.items).toEqual([]);
    expect(refused.stats.refusedSignature).toBe(2);

    // The province registers the secret this platform uses (rotation fixed); the operator re-sends.
    await simulator.setOptions({ apps: { 'anhua-county': 'not-the-registered-secret' } });
    expect(await exchange.app.get(ExchangeGrpcController).resendDeadLetters({ itemIds: [] })).toEqual({ requeued: 2 });
    await eventually('all three accepted', async () => ((await sender.status()).sent === 3 ? true : undefined));
    const arrived = (await simulator.received()).items.filter((i) => i.subjectKey === a.key).map((i) => i.itemId);
    expect(arrived).toEqual(['bad-a1', 'bad-a2']);
    expect(await sender.refreshMetrics()).toMatchObject({ deadLetters: 0, pending: 0 });
  });
});
