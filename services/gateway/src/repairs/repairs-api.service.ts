import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  RepairTargetTypeNames,
  severityName,
  type RepairApplication,
  type RepairCommitment,
  type RepairCondition,
  type RepairEvidence,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { Backends } from '../api/backends';
import type { SeverityInput } from '../api/dto';
import { subjectIn } from '../api/platform-api.service';
import { Scopes, type Caller } from '../auth/clients.service';
import { toSubject } from '../objections/objections-api.service';
import { isCreditOffice, supervisedDepartment } from '../api/request-context';
import type {
  ApplyForRepairDto,
  CommitmentBreachDto,
  DecideRepairDto,
  ReminderLetterView,
  RepairApplicationView,
  RepairCommitmentDto,
  RepairConditionView,
  RepairEligibilityDto,
  RepairEligibilityView,
  RepairEvidenceDto,
  RepairStatisticsQueryDto,
  RepairStatisticsView,
} from './repairs.dto';

/** Credit repair (信用修复) for REST and GraphQL alike: the department always comes from the token. Free of charge. */
@Injectable()
export class RepairsApi {
  constructor(private readonly backends: Backends) {}

  /** The reminder letter (修复提醒告知函) issued with an adverse record. */
  async reminderLetter(caller: Caller, recordId: string): Promise<ReminderLetterView> {
    const letter = await this.backends.getReminderLetter({ recordId, requesterDepartmentId: caller.departmentId });
    caller.subjectKey = letter.subject?.key;
    return {
      ...letter,
      subject: toSubject(letter.subject),
      severity: severityName(letter.severity) as SeverityInput | undefined,
      routes: letter.routes.map((r) => RepairTargetTypeNames.name(r) ?? 'RECORD'),
    };
  }

  /** Whether the target may be repaired now and, if not, from which date. */
  async eligibility(caller: Caller, input: RepairEligibilityDto): Promise<RepairEligibilityView> {
    const answer = await this.backends.checkRepairEligibility({
      requesterDepartmentId: caller.departmentId,
      subject: subjectIn(input.subject),
      target: { type: RepairTargetTypeNames.toProto(input.target.type), id: input.target.id },
      evidence: evidenceIn(input.evidence),
      commitment: commitmentIn(input.commitment),
    });
    return {
      eligible: answer.eligible,
      unmet: answer.unmet.map(toCondition),
      earliestEligibleDate: answer.earliestEligibleDate || undefined,
      decidingDepartmentId: answer.decidingDepartmentId,
      asOf: answer.asOf,
    };
  }

  /**
   * Files an application for the subject. The service deduplicates per subject and key, so the key is
   * namespaced by the caller's department: two departments' keys never collide.
   */
  async apply(caller: Caller, input: ApplyForRepairDto, idempotencyKey: string | undefined): Promise<RepairApplicationView> {
    const application = await this.backends.applyForRepair({
      idempotencyKey: `${caller.departmentId}:${idempotencyKey ?? randomUUID()}`,
      subject: subjectIn(input.subject),
      target: { type: RepairTargetTypeNames.toProto(input.target.type), id: input.target.id },
      methods: input.methods,
      statement: input.statement ?? '',
      evidence: evidenceIn(input.evidence),
      commitment: commitmentIn(input.commitment),
      requesterDepartmentId: caller.departmentId,
    });
    return this.view(caller, application);
  }

  /**
   * The deciding department, the credit office, and departments that file repairs for subjects (repairs:apply)
   * may read an application; a department that only decides reads only its own cases.
   */
  async get(caller: Caller, applicationId: string): Promise<RepairApplicationView> {
    const application = await this.backends.getRepairApplication({ applicationId, requesterDepartmentId: caller.departmentId });
    const allowed = isCreditOffice(caller) || application.decidingDepartmentId === caller.departmentId || caller.scopes.includes(Scopes.repairsApply);
    if (!allowed) {
      throw AppError.one('FORBIDDEN', 'NOT_REPAIR_PARTY', '只有认定部门、申请受理部门和信用办可以查看该申请', 'Only the deciding department, applying departments and the credit office may read this application', 'applicationId');
    }
    return this.view(caller, application);
  }

  /** Only the deciding department (the provider / identifying department) decides; the service enforces it. */
  async decide(caller: Caller, applicationId: string, input: DecideRepairDto): Promise<RepairApplicationView> {
    const application = await this.backends.decideRepair({ applicationId, departmentId: caller.departmentId, outcome: input.outcome, reasons: input.reasons ?? [] });
    return this.view(caller, application);
  }

  async reportBreach(caller: Caller, applicationId: string, input: CommitmentBreachDto): Promise<RepairApplicationView> {
    const application = await this.backends.reportCommitmentBreach({ applicationId, departmentId: caller.departmentId, reason: input.reason });
    return this.view(caller, application);
  }

  /** Supervision: the credit office every deciding department; a department its own cases. */
  async statistics(caller: Caller, filter: RepairStatisticsQueryDto): Promise<RepairStatisticsView> {
    return this.backends.repairStatistics({ decidingDepartmentId: supervisedDepartment(caller, filter.departmentId), from: filter.from ?? '', to: filter.to ?? '' });
  }

  private view(caller: Caller, a: RepairApplication): RepairApplicationView {
    caller.subjectKey = a.subject?.key;
    return {
      applicationId: a.applicationId,
      subject: toSubject(a.subject),
      target: { type: RepairTargetTypeNames.name(a.target?.type) ?? 'RECORD', id: a.target?.id ?? '' },
      status: a.status,
      methods: a.methods,
      statement: a.statement,
      evidence: {
        finePaid: a.evidence?.finePaid ?? false,
        rectificationDone: a.evidence?.rectificationDone ?? false,
        attachments: (a.evidence?.attachments ?? []).map((x) => ({ ...x, sizeBytes: Number(x.sizeBytes) })),
      },
      commitment: a.commitment && (a.commitment.commitmentId || a.commitment.text) ? { ...a.commitment, commitmentId: a.commitment.commitmentId || undefined } : undefined,
      decidingDepartmentId: a.decidingDepartmentId,
      refusalReasons: a.refusalReasons.map(toCondition),
      earliestEligibleDate: a.earliestEligibleDate || undefined,
      appliedOn: a.appliedOn,
      feedbackDue: a.feedbackDue || undefined,
      decisionDue: a.decisionDue || undefined,
      escalatedOn: a.escalatedOn || undefined,
      decidedOn: a.decidedOn || undefined,
      rejectionReasons: a.rejectionReasons,
      effectiveDate: a.effectiveDate || undefined,
      decidedOnTime: a.decidedOnTime,
      recordIds: a.recordIds,
      revokedOn: a.revokedOn || undefined,
      revocationReason: a.revocationReason || undefined,
      policyVersion: a.policyVersion,
    };
  }
}

function toCondition(c: RepairCondition): RepairConditionView {
  return { code: c.code, field: c.field || undefined, message: { zh: c.messageZh, en: c.messageEn } };
}

function evidenceIn(e: RepairEvidenceDto | undefined): RepairEvidence {
  return {
    finePaid: e?.finePaid ?? false,
    rectificationDone: e?.rectificationDone ?? false,
    attachments: (e?.attachments ?? []).map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256, kind: a.kind })),
  };
}

function commitmentIn(c: RepairCommitmentDto | undefined): RepairCommitment | undefined {
  return c ? { commitmentId: c.commitmentId ?? '', text: c.text ?? '', type: c.type ?? '' } : undefined;
}
