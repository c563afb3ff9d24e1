import { ProtoFiles, SeverityTier, SubjectType, type EventDefinition, type RecordInput } from '@credit/contracts';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { RecordCollectionModule } from '../src';
import { PublicitySweepService } from '../src/records/publicity-sweep.service';
import { RecordsGrpcController } from '../src/records/records.grpc.controller';

export interface RecordCollectionUnderTest {
  sut: ServiceUnderTest;
  rpc: RecordsGrpcController;
  sweep: PublicitySweepService;
}

export async function startRecordCollection(label: string): Promise<RecordCollectionUnderTest> {
  const sut = await startServiceUnderTest(label, (deps) => RecordCollectionModule.forRoot(deps), {
    serviceName: 'record-collection',
    protoFile: ProtoFiles.recordCollection,
  });
  return { sut, rpc: sut.app.get(RecordsGrpcController), sweep: sut.app.get(PublicitySweepService) };
}

let serial = 0;

export const SEVERITY = {
  MINOR: SeverityTier.SEVERITY_TIER_MINOR,
  GENERAL: SeverityTier.SEVERITY_TIER_GENERAL,
  SERIOUS: SeverityTier.SEVERITY_TIER_SERIOUS,
} as const;

/** An administrative penalty row against a new enterprise (unique USCC and decision number). */
export function penaltyRow(overrides: Partial<RecordInput> & { uscc?: string; name?: string; fields?: Record<string, unknown> } = {}): RecordInput {
  serial += 1;
  const { uscc, name, fields, ...rest } = overrides;
  return {
    catalogueItemCode: 'ADMIN_PENALTY',
    subject: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: name ?? '湖南测试建设有限公司', uscc: uscc ?? uniqueUscc(), idNumber: '' },
    decisionNumber: `湘测罚〔2026〕${Date.now()}-${serial}号`,
    decisionDate: '2026-11-02',
    severity: SEVERITY.GENERAL,
    fieldsJson: JSON.stringify(fields ?? { authority: '长沙市市场监督管理局', basis: '《中华人民共和国产品质量法》第四十九条', content: '罚款人民币伍仟元' }),
    ...rest,
  };
}

/** What the service emitted, once its outbox has drained onto the bus (every committed event is there). */
export async function settledEvents<T>(t: RecordCollectionUnderTest, definition: EventDefinition<T>) {
  await eventually('the outbox to drain', async () => {
    const [{ n }] = await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.outbox');
    return n === '0' ? true : undefined;
  });
  return t.sut.events(definition);
}
