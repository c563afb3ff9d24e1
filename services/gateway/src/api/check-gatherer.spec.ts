import { status as GrpcStatus } from '@grpc/grpc-js';
import type { CheckManyRequest, CheckManyResult, CheckRequest, CheckResult } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { runWithGrpcAudit } from '../audit/grpc-audit';
import type { GrpcCallAudit } from '../audit/request-audit.entity';
import { CheckGatherer, MAX_GATHERED, type CheckTransport } from './check-gatherer';

const request = (matterReference: string): CheckRequest => ({
  subject: undefined,
  matterType: 'PUBLIC_BIDDING_FISCAL',
  matterReference,
  purpose: '',
  operator: '',
  requesterDepartmentId: 'D',
  requesterClientId: 'c',
  authorisedRestricted: false,
});

const answer = (r: CheckRequest) => ({ checkId: `id-${r.matterReference}`, matterReference: r.matterReference }) as CheckResult;
const refusal = AppError.one('VALIDATION', 'MATTER_TYPE_UNKNOWN', '未知的事项类型', 'Unknown matter type', 'matterType');

/** credit-check's side, recorded: answers every check whose reference does not start with "bad". */
class RecordingTransport implements CheckTransport {
  calls: CheckManyRequest[] = [];
  singles: CheckRequest[] = [];
  failWith: { code: number; details?: string } | null = null;

  many(req: CheckManyRequest): Promise<CheckManyResult> {
    this.calls.push(req);
    if (this.failWith) return Promise.reject(Object.assign(new Error('call failed'), this.failWith));
    return Promise.resolve({
      outcomes: req.checks.map((c) =>
        c.request!.matterReference.startsWith('bad') ? { result: undefined, error: refusal.toGrpcMessage() } : { result: answer(c.request!), error: '' },
      ),
    });
  }

  single(req: CheckRequest): Promise<CheckResult> {
    this.singles.push(req);
    return Promise.resolve(answer(req));
  }
}

describe('CheckGatherer', () => {
  it('sends the checks of one turn in one call, answering and refusing each on its own, in order', async () => {
    const transport = new RecordingTransport();
    const gatherer = new CheckGatherer(transport);
    const results = await Promise.allSettled(['a', 'bad-b', 'c'].map((ref) => gatherer.check(request(ref))));

    expect(transport.calls).toHaveLength(1);
    expect(transport.calls[0].checks.map((c) => c.request!.matterReference)).toEqual(['a', 'bad-b', 'c']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: answer(request('a')) });
    expect(results[2]).toEqual({ status: 'fulfilled', value: answer(request('c')) });
    expect(results[1].status).toBe('rejected');
    const error = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.httpStatus).toBe(400);
    expect(error.errors).toEqual(refusal.errors);
  });

  it('gives each check its own trace and records the call in each request’s audit', async () => {
    const transport = new RecordingTransport();
    const gatherer = new CheckGatherer(transport);
    const audits: GrpcCallAudit[][] = [[], []];
    await Promise.all(audits.map((list, i) => runWithGrpcAudit(list, () => gatherer.check(request(`r${i}`)))));

    const [first, second] = transport.calls[0].checks.map((c) => c.traceparent);
    expect(first).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(second).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(first).not.toBe(second);
    for (const list of audits) expect(list).toEqual([{ method: 'credit.v1.CreditCheckService/CheckMany', code: 'OK', ms: expect.any(Number) }]);
  });

  it(`splits more than ${MAX_GATHERED} checks into calls of at most ${MAX_GATHERED}; checks of a later turn go in a later call`, async () => {
    const transport = new RecordingTransport();
    const gatherer = new CheckGatherer(transport);
    await Promise.all(Array.from({ length: MAX_GATHERED + 1 }, (_, i) => gatherer.check(request(`r${i}`))));
    await gatherer.check(request('later'));
    expect(transport.calls.map((c) => c.checks.length)).toEqual([MAX_GATHERED, 1, 1]);
  });

  it('refuses every check of a failed call with the mapped error (credit-check unavailable → 503)', async () => {
    const transport = new RecordingTransport();
    transport.failWith = { code: GrpcStatus.UNAVAILABLE };
    const gatherer = new CheckGatherer(transport);
    const results = await Promise.allSettled([gatherer.check(request('a')), gatherer.check(request('b'))]);
    for (const r of results) expect(((r as PromiseRejectedResult).reason as AppError).httpStatus).toBe(503);
  });

  it('falls back to one call per check, for good, when credit-check does not know CheckMany (rolling upgrade)', async () => {
    const transport = new RecordingTransport();
    transport.failWith = { code: GrpcStatus.UNIMPLEMENTED };
    const gatherer = new CheckGatherer(transport);
    expect(await Promise.all([gatherer.check(request('a')), gatherer.check(request('b'))])).toEqual([answer(request('a')), answer(request('b'))]);
    await gatherer.check(request('c'));
    expect(transport.calls).toHaveLength(1);
    expect(transport.singles.map((r) => r.matterReference)).toEqual(['a', 'b', 'c']);
  });
});
