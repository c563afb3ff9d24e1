import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import {
  CREDIT_CHECK_SERVICE_NAME,
  CREDIT_REPAIR_SERVICE_NAME,
  JOINT_REWARD_PUNISHMENT_SERVICE_NAME,
  OBJECTION_SERVICE_NAME,
  RECORD_COLLECTION_SERVICE_NAME,
  type ApplyForRepairRequest,
  type CheckRepairEligibilityRequest,
  type CreditRepairServiceClient,
  type DecideObjectionRequest,
  type DecideRepairRequest,
  type FileObjectionRequest,
  type FileObjectionResponse,
  type GetListEntryRequest,
  type GetNoticeRequest,
  type GetObjectionRequest,
  type GetReminderLetterRequest,
  type GetRepairApplicationRequest,
  type GetSubjectListEntriesRequest,
  type JointRewardPunishmentServiceClient,
  type ListEntryView,
  type ListMeasuresRequest,
  type ListNotice,
  type ListObjectionNotificationsRequest,
  type ListObjectionNotificationsResponse,
  type ListObjectionsRequest,
  type ListObjectionsResponse,
  type ListRepairApplicationsRequest,
  type ListRepairApplicationsResponse,
  type MeasureList,
  type MeasuresCsv,
  type ObjectionServiceClient,
  type ObjectionStatisticsRequest,
  type ObjectionStatisticsResponse,
  type ObjectionView,
  type ProposeListEntryRequest,
  type ReminderLetter,
  type RepairApplication,
  type RepairEligibility,
  type RepairStatisticsRequest,
  type RepairStatisticsResponse,
  type ReportCommitmentBreachRequest,
  type SubjectListEntries,
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
import { CheckGatherer } from './check-gatherer';

export const RECORD_COLLECTION_CLIENT = 'RECORD_COLLECTION_CLIENT';
export const CREDIT_CHECK_CLIENT = 'CREDIT_CHECK_CLIENT';
export const OBJECTION_CLIENT = 'OBJECTION_CLIENT';
export const CREDIT_REPAIR_CLIENT = 'CREDIT_REPAIR_CLIENT';
export const JOINT_REWARD_PUNISHMENT_CLIENT = 'JOINT_REWARD_PUNISHMENT_CLIENT';

const DEADLINE_MS = 10_000;

/** The gateway's only way to the services: their gRPC APIs, errors mapped back to the error model. */
@Injectable()
export class Backends implements OnModuleInit {
  private records!: RecordCollectionServiceClient;
  private checks!: CreditCheckServiceClient;
  private objections!: ObjectionServiceClient;
  private repairs!: CreditRepairServiceClient;
  private lists!: JointRewardPunishmentServiceClient;
  private gatherer!: CheckGatherer;

  constructor(
    @Inject(RECORD_COLLECTION_CLIENT) private readonly recordsClient: ClientGrpc,
    @Inject(CREDIT_CHECK_CLIENT) private readonly checksClient: ClientGrpc,
    @Inject(OBJECTION_CLIENT) private readonly objectionsClient: ClientGrpc,
    @Inject(CREDIT_REPAIR_CLIENT) private readonly repairsClient: ClientGrpc,
    @Inject(JOINT_REWARD_PUNISHMENT_CLIENT) private readonly listsClient: ClientGrpc,
  ) {}

  onModuleInit(): void {
    this.records = this.recordsClient.getService<RecordCollectionServiceClient>(RECORD_COLLECTION_SERVICE_NAME);
    this.checks = this.checksClient.getService<CreditCheckServiceClient>(CREDIT_CHECK_SERVICE_NAME);
    this.objections = this.objectionsClient.getService<ObjectionServiceClient>(OBJECTION_SERVICE_NAME);
    this.repairs = this.repairsClient.getService<CreditRepairServiceClient>(CREDIT_REPAIR_SERVICE_NAME);
    this.lists = this.listsClient.getService<JointRewardPunishmentServiceClient>(JOINT_REWARD_PUNISHMENT_SERVICE_NAME);
    this.gatherer = new CheckGatherer({
      many: (request) => firstValueFrom(this.checks.checkMany(request, new Metadata()).pipe(timeout(DEADLINE_MS))),
      single: (request) => call(this.checks.check(request, traceMetadata())),
    });
  }

  submitRecord(request: SubmitRecordRequest): Promise<SubmitRecordResponse> {
    return call(this.records.submitRecord(request, traceMetadata()));
  }

  getSubjectProfile(request: GetSubjectProfileRequest): Promise<SubjectProfile> {
    return call(this.checks.getSubjectProfile(request, traceMetadata()));
  }

  /** Gathered with the checks arriving at the same moment into one call (check-gatherer.ts). */
  check(request: CheckRequest): Promise<CheckResult> {
    return this.gatherer.check(request);
  }

  checkBatch(request: CheckBatchRequest): Promise<CheckBatchResult> {
    return call(this.checks.checkBatch(request, traceMetadata()));
  }

  queryCheckLog(request: QueryCheckLogRequest): Promise<CheckLogPage> {
    return call(this.checks.queryCheckLog(request, traceMetadata()));
  }

  // objection (异议处理)

  fileObjection(request: FileObjectionRequest): Promise<FileObjectionResponse> {
    return call(this.objections.fileObjection(request, traceMetadata()));
  }

  decideObjection(request: DecideObjectionRequest): Promise<ObjectionView> {
    return call(this.objections.decideObjection(request, traceMetadata()));
  }

  getObjection(request: GetObjectionRequest): Promise<ObjectionView> {
    return call(this.objections.getObjection(request, traceMetadata()));
  }

  listObjections(request: ListObjectionsRequest): Promise<ListObjectionsResponse> {
    return call(this.objections.listObjections(request, traceMetadata()));
  }

  objectionStatistics(request: ObjectionStatisticsRequest): Promise<ObjectionStatisticsResponse> {
    return call(this.objections.objectionStatistics(request, traceMetadata()));
  }

  listObjectionNotifications(request: ListObjectionNotificationsRequest): Promise<ListObjectionNotificationsResponse> {
    return call(this.objections.listObjectionNotifications(request, traceMetadata()));
  }

  // credit-repair (信用修复)

  getReminderLetter(request: GetReminderLetterRequest): Promise<ReminderLetter> {
    return call(this.repairs.getReminderLetter(request, traceMetadata()));
  }

  checkRepairEligibility(request: CheckRepairEligibilityRequest): Promise<RepairEligibility> {
    return call(this.repairs.checkRepairEligibility(request, traceMetadata()));
  }

  applyForRepair(request: ApplyForRepairRequest): Promise<RepairApplication> {
    return call(this.repairs.applyForRepair(request, traceMetadata()));
  }

  getRepairApplication(request: GetRepairApplicationRequest): Promise<RepairApplication> {
    return call(this.repairs.getRepairApplication(request, traceMetadata()));
  }

  listRepairApplications(request: ListRepairApplicationsRequest): Promise<ListRepairApplicationsResponse> {
    return call(this.repairs.listRepairApplications(request, traceMetadata()));
  }

  decideRepair(request: DecideRepairRequest): Promise<RepairApplication> {
    return call(this.repairs.decideRepair(request, traceMetadata()));
  }

  reportCommitmentBreach(request: ReportCommitmentBreachRequest): Promise<RepairApplication> {
    return call(this.repairs.reportCommitmentBreach(request, traceMetadata()));
  }

  repairStatistics(request: RepairStatisticsRequest): Promise<RepairStatisticsResponse> {
    return call(this.repairs.repairStatistics(request, traceMetadata()));
  }

  // joint-reward-punishment (联合奖惩: lists and measures)

  listMeasures(request: ListMeasuresRequest): Promise<MeasureList> {
    return call(this.lists.listMeasures(request, traceMetadata()));
  }

  exportMeasuresCsv(request: ListMeasuresRequest): Promise<MeasuresCsv> {
    return call(this.lists.exportMeasuresCsv(request, traceMetadata()));
  }

  proposeListEntry(request: ProposeListEntryRequest): Promise<ListEntryView> {
    return call(this.lists.proposeListEntry(request, traceMetadata()));
  }

  getSubjectListEntries(request: GetSubjectListEntriesRequest): Promise<SubjectListEntries> {
    return call(this.lists.getSubjectListEntries(request, traceMetadata()));
  }

  getListEntry(request: GetListEntryRequest): Promise<ListEntryView> {
    return call(this.lists.getListEntry(request, traceMetadata()));
  }

  getNotice(request: GetNoticeRequest): Promise<ListNotice> {
    return call(this.lists.getNotice(request, traceMetadata()));
  }
}

/** Propagates the request's trace to the service (a child span per call). */
export function traceMetadata(): Metadata {
  const metadata = new Metadata();
  metadata.set('traceparent', childTrace(currentTrace()).traceparent);
  return metadata;
}

export async function call<T>(observable: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(observable.pipe(timeout(DEADLINE_MS)));
  } catch (error) {
    throw AppError.fromGrpc(error);
  }
}
