import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CreditRepairServiceControllerMethods,
  RepairTargetTypeNames,
  severityToProto,
  subjectFromProto,
  type ApplyForRepairRequest,
  type CheckRepairEligibilityRequest,
  type CreditRepairServiceController,
  type DecideRepairRequest,
  type GetReminderLetterRequest,
  type GetRepairApplicationRequest,
  type ListRepairApplicationsRequest,
  type ListRepairApplicationsResponse,
  type ReminderLetter,
  type RepairApplication,
  type RepairCommitment,
  type RepairEligibility,
  type RepairEvidence,
  type RepairStatisticsRequest,
  type RepairStatisticsResponse,
  type ReportCommitmentBreachRequest,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { ReminderLetterEntity } from '../letters/reminder-letter.entity';
import { subjectRefOf } from '../read-model/subject-ref';
import type { RepairApplicationEntity, StoredCommitment, StoredEvidence } from './repair-application.entity';
import { RepairQueryService } from './repair-query.service';
import { RepairStatisticsService } from './repair-statistics.service';
import { RepairService, targetTypeName } from './repair.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function evidenceIn(e: RepairEvidence | undefined): StoredEvidence {
  return {
    finePaid: e?.finePaid ?? false,
    rectificationDone: e?.rectificationDone ?? false,
    attachments: (e?.attachments ?? []).map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256, kind: a.kind })),
  };
}

function commitmentIn(c: RepairCommitment | undefined): StoredCommitment | null {
  if (!c || (!c.commitmentId.trim() && !c.text.trim())) return null;
  return { commitmentId: c.commitmentId.trim(), text: c.text, type: c.type.trim() };
}

export function applicationToProto(a: RepairApplicationEntity): RepairApplication {
  return {
    applicationId: a.id,
    subject: subjectRefOf(a.subject),
    target: { type: RepairTargetTypeNames.toProto(a.targetType), id: a.targetId },
    status: a.status,
    methods: a.methods,
    statement: a.statement,
    evidence: a.evidence,
    commitment: a.commitment ?? undefined,
    decidingDepartmentId: a.decidingDepartmentId,
    refusalReasons: a.refusalReasons.map((r) => ({ code: r.code, field: r.field, messageZh: r.zh, messageEn: r.en })),
    earliestEligibleDate: a.earliestEligibleDate ?? '',
    appliedOn: a.appliedOn,
    feedbackDue: a.feedbackDue ?? '',
    decisionDue: a.decisionDue ?? '',
    escalatedOn: a.escalatedOn ?? '',
    decidedOn: a.decidedOn ?? '',
    rejectionReasons: a.rejectionReasons,
    effectiveDate: a.effectiveDate ?? '',
    decidedOnTime: a.decidedOnTime ?? false,
    recordIds: a.recordIds,
    revokedOn: a.revokedOn ?? '',
    revocationReason: a.revocationReason ?? '',
    policyVersion: a.policyVersion,
    requesterDepartmentId: a.requesterDepartmentId ?? '',
  };
}

@Controller()
@CreditRepairServiceControllerMethods()
export class RepairGrpcController implements CreditRepairServiceController {
  constructor(
    private readonly repairs: RepairService,
    private readonly stats: RepairStatisticsService,
    private readonly queries: RepairQueryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getReminderLetter(request: GetReminderLetterRequest): Promise<ReminderLetter> {
    const letter = UUID.test(request.recordId) ? await this.dataSource.manager.findOne(ReminderLetterEntity, { where: { recordId: request.recordId } }) : null;
    if (!letter) throw AppError.one('NOT_FOUND', 'REMINDER_LETTER_NOT_FOUND', '该信息没有修复提醒告知函', 'No reminder letter for this record.', 'recordId');
    return {
      letterId: letter.id,
      recordId: letter.recordId,
      subject: subjectRefOf(letter.subject),
      decidingDepartmentId: letter.decidingDepartmentId,
      decisionNumber: letter.decisionNumber,
      decisionDate: letter.decisionDate,
      severity: severityToProto(letter.severity),
      earliestRepairDate: letter.earliestRepairDate,
      publicityMaxEnd: letter.publicityMaxEnd,
      routes: letter.routes.map((r) => RepairTargetTypeNames.toProto(r)),
      methods: letter.methods,
      obligations: letter.obligations,
      acceptanceFeedbackWorkingDays: letter.acceptanceFeedbackWorkingDays,
      decisionWorkingDays: letter.decisionWorkingDays,
      textZh: letter.textZh,
      policyVersion: letter.policyVersion,
      issuedAt: letter.issuedAt.toISOString(),
    };
  }

  async checkRepairEligibility(request: CheckRepairEligibilityRequest): Promise<RepairEligibility> {
    const answer = await this.repairs.checkEligibility({
      subject: subjectFromProto(request.subject),
      target: { type: targetTypeName(request.target?.type), id: request.target?.id ?? '' },
      evidence: evidenceIn(request.evidence),
      commitment: commitmentIn(request.commitment),
    });
    return {
      eligible: answer.eligible,
      unmet: answer.unmet.map((u) => ({ code: u.code, field: u.field ?? '', messageZh: u.message.zh, messageEn: u.message.en })),
      earliestEligibleDate: answer.earliestDate ?? '',
      decidingDepartmentId: answer.decidingDepartmentId,
      asOf: answer.asOf,
    };
  }

  async applyForRepair(request: ApplyForRepairRequest): Promise<RepairApplication> {
    const application = await this.repairs.apply({
      idempotencyKey: request.idempotencyKey,
      subject: subjectFromProto(request.subject),
      target: { type: targetTypeName(request.target?.type), id: request.target?.id ?? '' },
      methods: request.methods,
      statement: request.statement,
      evidence: evidenceIn(request.evidence),
      commitment: commitmentIn(request.commitment),
      requesterDepartmentId: request.requesterDepartmentId,
    });
    return applicationToProto(application);
  }

  async getRepairApplication(request: GetRepairApplicationRequest): Promise<RepairApplication> {
    return applicationToProto(
      await this.repairs.get(request.applicationId, { departmentId: request.requesterDepartmentId, creditOffice: request.creditOffice }),
    );
  }

  async listRepairApplications(request: ListRepairApplicationsRequest): Promise<ListRepairApplicationsResponse> {
    const page = await this.queries.list({
      requesterDepartmentId: request.requesterDepartmentId,
      creditOffice: request.creditOffice,
      role: request.role,
      departmentId: request.departmentId,
      status: request.status,
      subjectKey: request.subjectKey,
      pageSize: request.pageSize,
      cursor: request.cursor,
    });
    return { applications: page.applications.map(applicationToProto), nextCursor: page.nextCursor };
  }

  async decideRepair(request: DecideRepairRequest): Promise<RepairApplication> {
    return applicationToProto(
      await this.repairs.decide({
        applicationId: request.applicationId,
        departmentId: request.departmentId,
        outcome: request.outcome,
        reasons: request.reasons,
        idempotencyKey: request.idempotencyKey,
      }),
    );
  }

  async reportCommitmentBreach(request: ReportCommitmentBreachRequest): Promise<RepairApplication> {
    return applicationToProto(
      await this.repairs.reportBreach({
        applicationId: request.applicationId,
        departmentId: request.departmentId,
        creditOffice: request.creditOffice,
        reason: request.reason,
        idempotencyKey: request.idempotencyKey,
      }),
    );
  }

  async repairStatistics(request: RepairStatisticsRequest): Promise<RepairStatisticsResponse> {
    const s = await this.stats.statistics({ decidingDepartmentId: request.decidingDepartmentId, from: request.from, to: request.to });
    return {
      byStatus: s.byStatus,
      decided: s.decided,
      decidedOnTime: s.decidedOnTime,
      onTimeRate: s.onTimeRate,
      overdueOpen: s.overdueOpen,
      repeatSubjects: s.repeatSubjects,
    };
  }
}
