import { ClientProxyFactory, Transport, type ClientGrpc } from '@nestjs/microservices';
import {
  Events,
  PROTO_PACKAGE,
  PROTO_ROOT,
  ProtoFiles,
  RECORD_COLLECTION_SERVICE_NAME,
  RecordStatus,
  type RecordCollectionServiceClient,
} from '@credit/contracts';
import { GRPC_LOADER_OPTIONS } from '@credit/runtime';
// The real record-collection runs beside the service under test (a test-only exception to the boundary rule):
// inbound items must pass its validation path, and a fake gRPC server would prove nothing.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RecordCollectionModule } from '@credit/service-record-collection';
import { startServiceUnderTest, uniqueIdNumber, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { InboundPullService } from '../src';
import { Simulator, startExchange, testSettings } from './province-fixtures';

describe('provincial exchange: inbound pulls become records through record-collection', () => {
  let simulator: Simulator;
  let recordCollection: ServiceUnderTest;
  let exchange: ServiceUnderTest;
  let client: ClientGrpc & { close(): unknown };
  let records: RecordCollectionServiceClient;

  beforeAll(async () => {
    simulator = await Simulator.start();
    recordCollection = await startServiceUnderTest('province_in_rc', (deps) => RecordCollectionModule.forRoot(deps), {
      serviceName: 'record-collection',
      protoFile: ProtoFiles.recordCollection,
    });
    exchange = await startExchange('province_in', testSettings(simulator, { recordCollectionGrpc: recordCollection.grpcUrl!, provinceDepartmentId: 'PROVINCE' }));
    client = ClientProxyFactory.create({
      transport: Transport.GRPC,
      options: { package: PROTO_PACKAGE, protoPath: join(PROTO_ROOT, ProtoFiles.recordCollection), url: recordCollection.grpcUrl!, loader: GRPC_LOADER_OPTIONS },
    }) as unknown as ClientGrpc & { close(): unknown };
    records = client.getService<RecordCollectionServiceClient>(RECORD_COLLECTION_SERVICE_NAME);
    // The credit office makes the province's department responsible for 失信被执行人 (as for any department).
    await firstValueFrom(records.setCatalogueResponsibility({ catalogueItemCode: 'JUDGMENT_DEFAULTER', departmentId: 'PROVINCE', responsible: true }));
  });

  afterAll(async () => {
    await client?.close();
    await exchange?.stop();
    await recordCollection?.stop();
    await simulator?.stop();
  });

  it('a list delta creates, updates and ends the right records; re-pulling the same delta changes nothing', async () => {
    const uscc = uniqueUscc('430900');
    const idNumber = uniqueIdNumber('430923');
    const company = { BZXR_MC: '益阳某某建材有限公司', BZXR_SHXYM: uscc, AH: '(2026)湘0923执123号', FBRQ: '2026-10-12', ZXFY: '安化县人民法院', YWNR: '支付货款人民币二十万元' };
    const person = { BZXR_MC: '张某', BZXR_ZJHM: idNumber, AH: '(2026)湘0923执124号', FBRQ: '2026-10-13', ZXFY: '安化县人民法院', YWNR: '返还借款人民币五万元' };
    const invalid = { BZXR_MC: '无效主体', BZXR_SHXYM: '91430900XXXXXXXXXX', AH: '(2026)湘0923执125号', FBRQ: '2026-10-13', ZXFY: '安化县人民法院', YWNR: '—' };
    await simulator.publish('SXBZXR', [
      { id: 'SX-1', op: 'UPSERT', data: company },
      { id: 'SX-2', op: 'UPSERT', data: person },
      { id: 'SX-3', op: 'UPSERT', data: invalid },
    ]);
    const pull = exchange.app.get(InboundPullService);
    const [first] = await pull.pull('SXBZXR');
    expect(first).toMatchObject({ listCode: 'SXBZXR', received: 3, created: 2, updated: 0, ended: 0, rejected: 1 });

    const items = await exchange.db.query<{ upstream_id: string; state: string; record_id: string | null; last_error: string | null }>(
      `SELECT upstream_id, state, record_id, last_error FROM provincial_exchange.inbound_item ORDER BY upstream_id`,
    );
    expect(items.map((i) => [i.upstream_id, i.state])).toEqual([['SX-1', 'ACTIVE'], ['SX-2', 'ACTIVE'], ['SX-3', 'REJECTED']]);
    expect(items[2].last_error).toMatch(/records\[\d+\]/);
    const companyRecord = await firstValueFrom(records.getRecord({ recordId: items[0].record_id! }));
    expect(companyRecord).toMatchObject({ providerDepartmentId: 'PROVINCE', catalogueItemCode: 'JUDGMENT_DEFAULTER', decisionNumber: company.AH, subjectKey: `ORG:${uscc}`, currentVersion: 1 });
    expect(JSON.parse(companyRecord.versions[0].fieldsJson)).toMatchObject({ court: '安化县人民法院', obligation: company.YWNR });

    // The delta: the company's obligation is updated, the person is removed from the list.
    await simulator.publish('SXBZXR', [
      { id: 'SX-1', op: 'UPSERT', data: { ...company, YWNR: '支付货款人民币二十万元及利息', LXQK: '部分履行' } },
      { id: 'SX-2', op: 'REMOVE' },
    ]);
    const [second] = await pull.pull('SXBZXR');
    expect(second).toMatchObject({ received: 2, created: 0, updated: 1, ended: 1, rejected: 0 });
    const updated = await firstValueFrom(records.getRecord({ recordId: items[0].record_id! }));
    expect(updated.currentVersion).toBe(2);
    expect(JSON.parse(updated.versions[1].fieldsJson)).toMatchObject({ obligation: '支付货款人民币二十万元及利息', performance: '部分履行' });
    const ended = await firstValueFrom(records.getRecord({ recordId: items[1].record_id! }));
    expect(ended.status).toBe(RecordStatus.RECORD_STATUS_REVOKED);

    const collected = (await recordCollection.events(Events.RecordCollected)).length;
    const statusChanges = (await recordCollection.events(Events.RecordStatusChanged)).length;
    expect(collected).toBe(3);
    expect(statusChanges).toBe(1);

    // Nothing new upstream: nothing happens. A lost cursor re-pulls everything: still nothing changes.
    expect(await pull.pull('SXBZXR')).toEqual([expect.objectContaining({ received: 0, created: 0, updated: 0, ended: 0 })]);
    await exchange.db.query(`UPDATE provincial_exchange.inbound_list SET cursor = '0' WHERE list_code = 'SXBZXR'`);
    const [again] = await pull.pull('SXBZXR');
    expect(again).toMatchObject({ received: 5, created: 0, updated: 0, ended: 0 });
    expect((await recordCollection.events(Events.RecordCollected)).length).toBe(collected);
    expect((await recordCollection.events(Events.RecordStatusChanged)).length).toBe(statusChanges);
    const [list] = await exchange.db.query<{ cursor: string }>(`SELECT cursor FROM provincial_exchange.inbound_list WHERE list_code = 'SXBZXR'`);
    expect(list.cursor).toBe(again.cursor);
  });
});
