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
import { Backends } from '../api/backends';
import type { SeverityInput } from '../api/dto';
import { subjectIn, toSubject } from '../api/platform-api.service';
import { requireScope, Scopes, type Caller } from '../auth/clients.service';
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
  RepairPageView,
  RepairQueryDto,
  RepairStatisticsQueryDto,
  RepairStatisticsView,
} from './repairs.dto';
import { RepairRoleInput } from './repairs.dto';

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
   * Readable by its parties only: the department that filed it, the deciding department and the credit office.
   * The service enforces it and answers 404 to anyone else (no disclosure that a subject applied).
   */
  async get(caller: Caller, applicationId: string): Promise<RepairApplicationView> {
    const application = await this.backends.getRepairApplication({ applicationId, requesterDepartmentId: caller.departmentId, creditOffice: isCreditOffice(caller) });
    return this.view(caller, application);
  }

  /**
   * REQUESTED: what the department filed (repairs:apply); TO_DECIDE: its decision queue (repairs:decide). The
   * credit office sees every department's, or one department's with `departmentId`. Newest first.
   */
  async list(caller: Caller, filter: RepairQueryDto): Promise<RepairPageView> {
    const role = filter.role ?? (caller.scopes.includes(Scopes.repairsApply) ? RepairRoleInput.REQUESTED : RepairRoleInput.TO_DECIDE);
    requireScope(caller, role === RepairRoleInput.REQUESTED ? Scopes.repairsApply : Scopes.repairsDecide);
    const page = await this.backends.listRepairApplications({
      requesterDepartmentId: caller.departmentId,
      creditOffice: isCreditOffice(caller),
      role,
      departmentId: filter.departmentId ?? '',
      status: filter.status ?? '',
      subjectKey: filter.subjectKey ?? '',
      pageSize: filter.pageSize ?? 20,
      cursor: filter.cursor ?? '',
    });
    return { applications: page.applications.map((a) => toApplication(a)), nextCursor: page.nextCursor || undefined };
  }

  /**
   * Only the deciding department (the provider / identifying department) decides; the service enforces it.
   * `idempotencyKey` (the request's header) makes a retry through any gateway replica return the application
   * instead of "already decided".
   */
  async decide(caller: Caller, applicationId: string, input: DecideRepairDto, idempotencyKey: string | undefined): Promise<RepairApplicationView> {
    const application = await this.backends.decideRepair({
      applicationId,
      departmentId: caller.departmentId,
      outcome: input.outcome,
      reasons: input.reasons ?? [],
      idempotencyKey: idempotencyKey ?? randomUUID(),
    });
    return this.view(caller, application);
  }

  /** Only the deciding department or the credit office; idempotent per key as `decide`. */
  async reportBreach(caller: Caller, applicationId: string, input: CommitmentBreachDto, idempotencyKey: string | undefined): Promise<RepairApplicationView> {
    const application = await this.backends.reportCommitmentBreach({
      applicationId,
      departmentId: caller.departmentId,
      creditOffice: isCreditOffice(caller),
      reason: input.reason,
      idempotencyKey: idempotencyKey ?? randomUUID(),
    });
    return this.view(caller, application);
  }

  /** Supervision: the credit office every deciding department; a department its own cases. */
  async statistics(caller: Caller, filter: RepairStatisticsQueryDto): Promise<RepairStatisticsView> {
    return this.backends.repairStatistics({ decidingDepartmentId: supervisedDepartment(caller, filter.departmentId), from: filter.from ?? '', to: filter.to ?? '' });
  }

  private view(caller: Caller, a: RepairApplication): RepairApplicationView {
    caller.subjectKey = a.subject?.key;
    return toApplication(a);
  }
}

function toApplication(a: RepairApplication): RepairApplicationView {
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
    requesterDepartmentId: a.requesterDepartmentId || undefined,
  };
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
