import { join } from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { CheckResult, PROTO_ROOT, ProtoFiles, type CheckManyResult } from '@credit/contracts';
import { GRPC_LOADER_OPTIONS, grpcPackageDefinition } from './grpc-definition';

type Method = { responseSerialize: (v: unknown) => Buffer; responseDeserialize: (b: Buffer) => unknown };
const SERVICE = 'credit.v1.CreditCheckService';

describe('grpcPackageDefinition', () => {
  const service = grpcPackageDefinition(ProtoFiles.creditCheck)[SERVICE] as unknown as Record<string, Method>;
  const reflective = loadSync(join(PROTO_ROOT, ProtoFiles.creditCheck), GRPC_LOADER_OPTIONS)[SERVICE] as unknown as Record<string, Method>;
  // (every field set, as the typed services build it: the empty message decoded, then the answer's own fields)
  const answer: CheckResult = { ...CheckResult.decode(new Uint8Array(0)), checkId: 'c1', verdict: 'REVIEW', logSequence: 9_007_199_254_740_991, found: true };
  const refusal = '{"kind":"VALIDATION","errors":[]}';

  it('carries check answers through CheckMany as the generated types describe them (int64 as number, absent messages absent)', () => {
    const back = service.CheckMany.responseDeserialize(service.CheckMany.responseSerialize({ outcomes: [{ result: answer, error: '' }, { result: undefined, error: refusal }] })) as CheckManyResult;
    expect(back.outcomes[0].result).toMatchObject({ checkId: 'c1', verdict: 'REVIEW', logSequence: 9_007_199_254_740_991, found: true, measures: [] });
    expect(back.outcomes[1]).toEqual({ result: undefined, error: refusal });
  });

  it('writes the protocol’s bytes: a reflective reader (another client) reads the same message', () => {
    const bytes = service.CheckMany.responseSerialize({ outcomes: [{ result: answer, error: '' }, { result: undefined, error: refusal }] });
    const read = reflective.CheckMany.responseDeserialize(bytes) as { outcomes: { result: { checkId: string; logSequence: string } | null; error: string }[] };
    expect(read.outcomes[0].result).toMatchObject({ checkId: 'c1', logSequence: '9007199254740991' });
    expect(read.outcomes[1]).toMatchObject({ result: null, error: refusal });
  });

  it('leaves the other methods to proto-loader (int64 as string, as every other caller expects)', () => {
    const log = service.QueryCheckLog;
    const bytes = log.responseSerialize({ entries: [{ checkId: 'c', sequence: '12' }], nextCursor: '' });
    expect((log.responseDeserialize(bytes) as { entries: { sequence: unknown }[] }).entries[0].sequence).toBe('12');
  });
});
