import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { COMMITMENT_SERVICE_NAME, CommitmentType, FulfilmentStatus, severityToProto, type CommitmentServiceClient, type CommitmentView as CommitmentMessage } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { call, RECORD_COLLECTION_CLIENT, traceMetadata } from '../api/backends';
import { subjectIn, toSubject } from '../api/platform-api.service';
import { isCreditOffice, supervisedDepartment } from '../api/request-context';
import type { Caller } from '../auth/clients.service';
import { CommitmentTypeInput, type CommitmentPageView, type CommitmentsQueryDto, type CommitmentView, type MakeCommitmentDto, type RecordFulfilmentDto } from './commitments.dto';

const TYPE_PREFIX = 'COMMITMENT_TYPE_';
const STATUS_PREFIX = 'FULFILMENT_STATUS_';

const typeToProto = (type: CommitmentTypeInput): CommitmentType => CommitmentType[`${TYPE_PREFIX}${type}` as keyof typeof CommitmentType] ?? CommitmentType.COMMITMENT_TYPE_UNSPECIFIED;
const statusToProto = (status: string): FulfilmentStatus => FulfilmentStatus[`${STATUS_PREFIX}${status}` as keyof typeof FulfilmentStatus] ?? FulfilmentStatus.FULFILMENT_STATUS_UNSPECIFIED;

function notFound(): AppError {
  return AppError.one('NOT_FOUND', 'COMMITMENT_NOT_FOUND', '没有此信用承诺', 'No such credit commitment.', 'commitmentId');
}

/**
 * Credit commitments (信用承诺) in record-collection. The receiving department always comes from the token; a
 * department sees only the commitments it received, the credit office (admin) every one.
 */
@Injectable()
export class CommitmentsApi implements OnModuleInit {
  private commitments!: CommitmentServiceClient;

  constructor(@Inject(RECORD_COLLECTION_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.commitments = this.client.getService<CommitmentServiceClient>(COMMITMENT_SERVICE_NAME);
  }

  /** Same (department, idempotency key) and content → the same commitment; other content → 409. */
  async make(caller: Caller, input: MakeCommitmentDto, headerKey: string | undefined): Promise<CommitmentView> {
    const view = await call(
      this.commitments.makeCommitment(
        {
          receivingDepartmentId: caller.departmentId,
          idempotencyKey: input.idempotencyKey ?? headerKey ?? '',
          type: typeToProto(input.type),
          subject: subjectIn(input.subject),
          content: input.content,
          matter: input.matter,
          deadline: input.deadline ?? '',
          repairApplicationId: input.repairApplicationId ?? '',
          recordIds: input.recordIds ?? [],
        },
        traceMetadata(),
      ),
    );
    return toView(caller, view);
  }

  /** Only the receiving department (checked by record-collection). A breach becomes an adverse record. */
  async fulfil(caller: Caller, commitmentId: string, input: RecordFulfilmentDto): Promise<CommitmentView> {
    const view = await call(
      this.commitments.recordFulfilment(
        {
          departmentId: caller.departmentId,
          commitmentId,
          status: statusToProto(input.status),
          fulfilmentDate: input.fulfilmentDate,
          note: input.note ?? '',
          severity: severityToProto(input.severity),
        },
        traceMetadata(),
      ),
    );
    return toView(caller, view);
  }

  /** By id or code: the receiving department or the credit office; anyone else gets 404. */
  async get(caller: Caller, commitmentId: string): Promise<CommitmentView> {
    const view = await call(this.commitments.getCommitment({ commitmentId }, traceMetadata()));
    if (view.receivingDepartmentId !== caller.departmentId && !isCreditOffice(caller)) throw notFound();
    return toView(caller, view);
  }

  /**
   * By subject or receiving department. A department lists only what it received (by subject too: the other
   * departments' commitments are left out of each page); the credit office any department or subject.
   */
  async list(caller: Caller, query: CommitmentsQueryDto): Promise<CommitmentPageView> {
    const subjectKey = query.subjectKey?.trim() || '';
    const paging = { pageSize: query.pageSize ?? 0, cursor: query.cursor ?? '' };
    if (subjectKey) {
      const only = isCreditOffice(caller) ? query.departmentId || undefined : supervisedDepartment(caller, query.departmentId);
      const page = await call(this.commitments.listCommitments({ subjectKey, departmentId: '', ...paging }, traceMetadata()));
      caller.subjectKey = subjectKey;
      return {
        commitments: page.commitments.filter((c) => !only || c.receivingDepartmentId === only).map((c) => toView(caller, c)),
        nextCursor: page.nextCursor || undefined,
      };
    }
    const departmentId = supervisedDepartment(caller, query.departmentId);
    const page = await call(this.commitments.listCommitments({ subjectKey: '', departmentId, ...paging }, traceMetadata()));
    return { commitments: page.commitments.map((c) => toView(caller, c)), nextCursor: page.nextCursor || undefined };
  }
}

function toView(caller: Caller, c: CommitmentMessage): CommitmentView {
  const subject = toSubject(c.subject);
  caller.subjectKey ??= subject.key || undefined;
  const type = CommitmentType[c.type]?.slice(TYPE_PREFIX.length) as CommitmentTypeInput | undefined;
  return {
    commitmentId: c.commitmentId,
    commitmentCode: c.commitmentCode,
    type: type ?? CommitmentTypeInput.VOLUNTARY,
    subject,
    content: c.content,
    matter: c.matter,
    deadline: c.deadline || undefined,
    receivingDepartmentId: c.receivingDepartmentId,
    repairApplicationId: c.repairApplicationId || undefined,
    recordIds: c.recordIds,
    madeOn: c.madeOn,
    status: FulfilmentStatus[c.status]?.slice(STATUS_PREFIX.length) ?? 'PENDING',
    fulfilmentDate: c.fulfilmentDate || undefined,
    note: c.note || undefined,
    breachRecordId: c.breachRecordId || undefined,
    policyVersion: c.policyVersion,
    createdAt: c.createdAt,
  };
}
