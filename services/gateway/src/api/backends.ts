import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import {
  CREDIT_CHECK_SERVICE_NAME,
  RECORD_COLLECTION_SERVICE_NAME,
  type CheckBatchRequest,
  type CheckBatchResult,
  type CheckLogPage,
  type CheckRequest,
  type CheckResult,
  type CreditCheckServiceClient,
  type QueryCheckLogRequest,
  type GetSubjectProfileRequest,
  type RecordCollectionServiceClient,
  type SubjectProfile,
  type SubmitRecordRequest,
  type SubmitRecordResponse,
} from '@credit/contracts';
import { Metadata } from '@grpc/grpc-js';
import { childTrace, currentTrace } from '@credit/messaging';
import { AppError } from '@credit/runtime';
import { firstValueFrom, timeout, type Observable } from 'rxjs';

export const RECORD_COLLECTION_CLIENT = 'RECORD_COLLECTION_CLIENT';
export const CREDIT_CHECK_CLIENT = 'CREDIT_CHECK_CLIENT';

const DEADLINE_MS = 10_000;

/** The gateway's only way to the services: their gRPC APIs, errors mapped back to the error model. */
@Injectable()
export class Backends implements OnModuleInit {
  private records!: RecordCollectionServiceClient;
  private checks!: CreditCheckServiceClient;

  constructor(
    @Inject(RECORD_COLLECTION_CLIENT) private readonly recordsClient: ClientGrpc,
    @Inject(CREDIT_CHECK_CLIENT) private readonly checksClient: ClientGrpc,
  ) {}

  onModuleInit(): void {
    this.records = this.recordsClient.getService<RecordCollectionServiceClient>(RECORD_COLLECTION_SERVICE_NAME);
    this.checks = this.checksClient.getService<CreditCheckServiceClient>(CREDIT_CHECK_SERVICE_NAME);
  }

  submitRecord(request: SubmitRecordRequest): Promise<SubmitRecordResponse> {
    return call(this.records.submitRecord(request, traceMetadata()));
  }

  getSubjectProfile(request: GetSubjectProfileRequest): Promise<SubjectProfile> {
    return call(this.checks.getSubjectProfile(request, traceMetadata()));
  }

  check(request: CheckRequest): Promise<CheckResult> {
    return call(this.checks.check(request, traceMetadata()));
  }

  checkBatch(request: CheckBatchRequest): Promise<CheckBatchResult> {
    return call(this.checks.checkBatch(request, traceMetadata()));
  }

  queryCheckLog(request: QueryCheckLogRequest): Promise<CheckLogPage> {
    return call(this.checks.queryCheckLog(request, traceMetadata()));
  }
}

/** Propagates the request's trace to the service (a child span per call). */
function traceMetadata(): Metadata {
  const metadata = new Metadata();
  metadata.set('traceparent', childTrace(currentTrace()).traceparent);
  return metadata;
}

async function call<T>(observable: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(observable.pipe(timeout(DEADLINE_MS)));
  } catch (error) {
    throw AppError.fromGrpc(error);
  }
}
