import { Controller } from '@nestjs/common';
import {
  CommitmentServiceControllerMethods,
  severityName,
  subjectFromProto,
  type CommitmentServiceController,
  type CommitmentView,
  type GetCommitmentRequest,
  type ListCommitmentsRequest,
  type ListCommitmentsResponse,
  type MakeCommitmentRequest,
  type RecordFulfilmentRequest,
} from '@credit/contracts';
import type { CommitmentEntity } from './commitment.entity';
import { commitmentTypeName, commitmentTypeToProto, CommitmentsService, fulfilmentStatusName, fulfilmentStatusToProto, subjectRef } from './commitments.service';

@Controller()
@CommitmentServiceControllerMethods()
export class CommitmentsGrpcController implements CommitmentServiceController {
  constructor(private readonly commitments: CommitmentsService) {}

  async makeCommitment(request: MakeCommitmentRequest): Promise<CommitmentView> {
    return toView(
      await this.commitments.make({
        receivingDepartmentId: request.receivingDepartmentId,
        idempotencyKey: request.idempotencyKey,
        type: commitmentTypeName(request.type),
        subject: subjectFromProto(request.subject),
        content: request.content,
        matter: request.matter,
        deadline: request.deadline,
        repairApplicationId: request.repairApplicationId,
        recordIds: request.recordIds,
      }),
    );
  }

  async recordFulfilment(request: RecordFulfilmentRequest): Promise<CommitmentView> {
    return toView(
      await this.commitments.recordFulfilment({
        departmentId: request.departmentId,
        commitmentId: request.commitmentId,
        status: fulfilmentStatusName(request.status),
        fulfilmentDate: request.fulfilmentDate,
        note: request.note,
        severity: severityName(request.severity),
      }),
    );
  }

  async getCommitment(request: GetCommitmentRequest): Promise<CommitmentView> {
    return toView(await this.commitments.get(request.commitmentId));
  }

  async listCommitments(request: ListCommitmentsRequest): Promise<ListCommitmentsResponse> {
    const page = await this.commitments.list({
      subjectKey: request.subjectKey,
      departmentId: request.departmentId,
      pageSize: request.pageSize,
      cursor: request.cursor,
    });
    return { commitments: page.commitments.map(toView), nextCursor: page.nextCursor };
  }
}

/** The view never carries the full ID number. */
export function toView(c: CommitmentEntity): CommitmentView {
  return {
    commitmentId: c.id,
    commitmentCode: c.code,
    type: commitmentTypeToProto(c.type),
    subject: subjectRef(c),
    content: c.content,
    matter: c.matter,
    deadline: c.deadline ?? '',
    receivingDepartmentId: c.receivingDepartmentId,
    repairApplicationId: c.repairApplicationId ?? '',
    recordIds: c.recordIds,
    madeOn: c.madeOn,
    status: fulfilmentStatusToProto(c.status),
    fulfilmentDate: c.fulfilmentDate ?? '',
    note: c.note ?? '',
    breachRecordId: c.breachRecordId ?? '',
    policyVersion: c.policyVersion,
    createdAt: c.createdAt.toISOString(),
  };
}
