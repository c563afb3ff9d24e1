import { Controller } from '@nestjs/common';
import {
  ObjectionOutcomeNames,
  ObjectionServiceControllerMethods,
  ObjectionTargetTypeNames,
  type DecideObjectionRequest,
  type FileObjectionRequest,
  type FileObjectionResponse,
  type GetObjectionRequest,
  type ListObjectionNotificationsRequest,
  type ListObjectionNotificationsResponse,
  type ListObjectionsRequest,
  type ListObjectionsResponse,
  type ObjectionServiceController,
  type ObjectionStatisticsRequest,
  type ObjectionStatisticsResponse,
  type ObjectionView,
} from '@credit/contracts';
import { ObjectionDecisionService } from './objection-decision.service';
import { ObjectionFilingService } from './objection-filing.service';
import { ObjectionQueryService } from './objection-query.service';

@Controller()
@ObjectionServiceControllerMethods()
export class ObjectionGrpcController implements ObjectionServiceController {
  constructor(
    private readonly filing: ObjectionFilingService,
    private readonly decision: ObjectionDecisionService,
    private readonly queries: ObjectionQueryService,
  ) {}

  async fileObjection(request: FileObjectionRequest): Promise<FileObjectionResponse> {
    const result = await this.filing.file({
      requesterDepartmentId: request.requesterDepartmentId,
      idempotencyKey: request.idempotencyKey,
      targetType: ObjectionTargetTypeNames.name(request.targetType) ?? '',
      targetId: request.targetId,
      targetVersion: request.targetVersion || undefined,
      grounds: request.grounds,
      statement: request.statement,
      contact: request.contact,
      attachments: request.attachments ?? [],
    });
    return { objection: await this.queries.get(result.objectionId), merged: result.merged };
  }

  async decideObjection(request: DecideObjectionRequest): Promise<ObjectionView> {
    const id = await this.decision.decide({
      objectionId: request.objectionId,
      departmentId: request.departmentId,
      idempotencyKey: request.idempotencyKey,
      outcome: ObjectionOutcomeNames.name(request.outcome) ?? '',
      reasons: request.reasons,
      correctedFieldsJson: request.correctedFieldsJson,
    });
    return this.queries.get(id);
  }

  getObjection(request: GetObjectionRequest): Promise<ObjectionView> {
    return this.queries.get(request.objectionId);
  }

  listObjections(request: ListObjectionsRequest): Promise<ListObjectionsResponse> {
    return this.queries.list({
      departmentId: request.departmentId || undefined,
      requesterDepartmentId: request.requesterDepartmentId || undefined,
      status: request.status || undefined,
      subjectKey: request.subjectKey || undefined,
      pageSize: request.pageSize || undefined,
      cursor: request.cursor || undefined,
    });
  }

  objectionStatistics(request: ObjectionStatisticsRequest): Promise<ObjectionStatisticsResponse> {
    return this.queries.statistics(request.departmentId || undefined, request.asOf || undefined);
  }

  async listObjectionNotifications(request: ListObjectionNotificationsRequest): Promise<ListObjectionNotificationsResponse> {
    return { notifications: await this.queries.notifications(request.departmentId, request.since || undefined) };
  }
}
