import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import {
  RECORD_COLLECTION_SERVICE_NAME,
  type RecordCollectionServiceClient,
  type RecordView,
  type RevokeRecordRequest,
  type SubmitRecordsRequest,
  type SubmitRecordsResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { firstValueFrom, timeout, type Observable } from 'rxjs';

export const RECORD_COLLECTION_CLIENT = 'PROVINCIAL_EXCHANGE_RECORD_COLLECTION_CLIENT';
const DEADLINE_MS = 30_000;

/** Inbound items become records through record-collection's own API (its validation, its natural key). */
@Injectable()
export class RecordCollectionClient implements OnModuleInit {
  private records!: RecordCollectionServiceClient;

  constructor(@Inject(RECORD_COLLECTION_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.records = this.client.getService<RecordCollectionServiceClient>(RECORD_COLLECTION_SERVICE_NAME);
  }

  submitRecords(request: SubmitRecordsRequest): Promise<SubmitRecordsResponse> {
    return call(this.records.submitRecords(request));
  }

  revokeRecord(request: RevokeRecordRequest): Promise<RecordView> {
    return call(this.records.revokeRecord(request));
  }
}

async function call<T>(observable: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(observable.pipe(timeout(DEADLINE_MS)));
  } catch (error) {
    throw AppError.fromGrpc(error);
  }
}
