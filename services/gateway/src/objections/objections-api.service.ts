import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ObjectionOutcomeNames, ObjectionTargetTypeNames, type ObjectionView as ObjectionMessage } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { Backends } from '../api/backends';
import { requireScope, Scopes, type Caller } from '../auth/clients.service';
import {
  ObjectionRoleInput,
  type DecideObjectionDto,
  type FileObjectionDto,
  type FileObjectionResultView,
  type ObjectionNotificationQueryDto,
  type ObjectionNotificationView,
  type ObjectionPageView,
  type ObjectionQueryDto,
  type ObjectionStatisticsQueryDto,
  type ObjectionStatisticsView,
  type ObjectionView,
} from './objections.dto';
import { isCreditOffice, supervisedDepartment } from '../api/request-context';
import { toSubject } from '../api/platform-api.service';

/** Objections (异议处理) for REST and GraphQL alike: the department always comes from the token. */
@Injectable()
export class ObjectionsApi {
  constructor(private readonly backends: Backends) {}

  /** Files for a subject; `idempotencyKey` (the request's header) makes a retry through any gateway replica return the same objection. */
  async file(caller: Caller, input: FileObjectionDto, idempotencyKey: string | undefined): Promise<FileObjectionResultView> {
    const result = await this.backends.fileObjection({
      requesterDepartmentId: caller.departmentId,
      idempotencyKey: idempotencyKey ?? randomUUID(),
      targetType: ObjectionTargetTypeNames.toProto(input.targetType),
      targetId: input.targetId,
      targetVersion: input.targetVersion ?? 0,
      grounds: input.grounds,
      statement: input.statement,
      contact: { name: input.contact.name, phone: input.contact.phone ?? '', email: input.contact.email ?? '', address: input.contact.address ?? '' },
      attachments: (input.attachments ?? []).map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, contentBase64: a.contentBase64 })),
    });
    const objection = toObjection(result.objection!);
    caller.subjectKey = objection.subject.key;
    return { objection, merged: result.merged };
  }

  /** Only the verifying department (the provider of the information) may decide; the service enforces it. */
  async decide(caller: Caller, objectionId: string, input: DecideObjectionDto, idempotencyKey: string | undefined): Promise<ObjectionView> {
    const view = await this.backends.decideObjection({
      objectionId,
      departmentId: caller.departmentId,
      idempotencyKey: idempotencyKey ?? randomUUID(),
      outcome: ObjectionOutcomeNames.toProto(input.outcome),
      reasons: input.reasons,
      correctedFieldsJson: input.correctedFields ? JSON.stringify(input.correctedFields) : '',
    });
    const objection = toObjection(view);
    caller.subjectKey = objection.subject.key;
    return objection;
  }

  /** Readable by the departments that filed it (any merged filing too), the verifying department and the credit office. */
  async get(caller: Caller, objectionId: string): Promise<ObjectionView> {
    const view = await this.backends.getObjection({ objectionId });
    const parties = new Set([view.requesterDepartmentId, view.verifyingDepartmentId, ...view.statements.map((s) => s.requesterDepartmentId)]);
    if (!isCreditOffice(caller) && !parties.has(caller.departmentId)) {
      throw AppError.one('FORBIDDEN', 'NOT_OBJECTION_PARTY', '只有提出部门、核查部门和信用办可以查看该异议', 'Only the filing and verifying departments and the credit office may read this objection', 'objectionId');
    }
    const objection = toObjection(view);
    caller.subjectKey = objection.subject.key;
    return objection;
  }

  /**
   * FILED: what the department filed (objections:file); VERIFYING: its verification queue (objections:decide).
   * The credit office sees every department's, or one department's with `departmentId`.
   */
  async list(caller: Caller, filter: ObjectionQueryDto): Promise<ObjectionPageView> {
    const role = filter.role ?? (caller.scopes.includes(Scopes.objectionsFile) ? ObjectionRoleInput.FILED : ObjectionRoleInput.VERIFYING);
    requireScope(caller, role === ObjectionRoleInput.FILED ? Scopes.objectionsFile : Scopes.objectionsDecide);
    let department = caller.departmentId;
    if (isCreditOffice(caller)) department = filter.departmentId ?? '';
    else if (filter.departmentId && filter.departmentId !== caller.departmentId) {
      throw AppError.one('FORBIDDEN', 'DEPARTMENT_NOT_ALLOWED', '只能查询本部门的异议', 'Only your own department’s objections; the credit office (admin) sees every department', 'departmentId');
    }
    const page = await this.backends.listObjections({
      departmentId: role === ObjectionRoleInput.VERIFYING ? department : '',
      requesterDepartmentId: role === ObjectionRoleInput.FILED ? department : '',
      status: filter.status ?? '',
      subjectKey: filter.subjectKey ?? '',
      pageSize: filter.pageSize ?? 20,
      cursor: filter.cursor ?? '',
    });
    return { objections: page.objections.map(toObjection), nextCursor: page.nextCursor || undefined };
  }

  /** Supervision: the credit office every department; a verifying department its own figures. */
  async statistics(caller: Caller, filter: ObjectionStatisticsQueryDto): Promise<ObjectionStatisticsView> {
    const result = await this.backends.objectionStatistics({ departmentId: supervisedDepartment(caller, filter.departmentId), asOf: filter.asOf ?? '' });
    return {
      asOf: result.asOf,
      departments: result.departments.map((d) => ({
        ...d,
        outcomes: d.outcomes.map((o) => ({ outcome: ObjectionOutcomeNames.name(o.outcome) ?? 'MAINTAINED', count: o.count, share: o.share })),
      })),
    };
  }

  /** Reminders and escalations addressed to the caller's department. */
  async notifications(caller: Caller, filter: ObjectionNotificationQueryDto): Promise<ObjectionNotificationView[]> {
    const result = await this.backends.listObjectionNotifications({ departmentId: caller.departmentId, since: filter.since ?? '' });
    return result.notifications.map((n) => ({ kind: n.kind, objectionId: n.objectionId, date: n.date, verificationDue: n.verificationDue }));
  }
}

const jsonObject = (text: string): Record<string, unknown> | undefined => (text ? (JSON.parse(text) as Record<string, unknown>) : undefined);

function toObjection(o: ObjectionMessage): ObjectionView {
  return {
    objectionId: o.objectionId,
    status: o.status,
    targetType: ObjectionTargetTypeNames.name(o.targetType) ?? 'RECORD',
    targetId: o.targetId,
    targetVersion: o.targetVersion,
    subject: toSubject(o.subject),
    grounds: o.grounds,
    requesterDepartmentId: o.requesterDepartmentId,
    verifyingDepartmentId: o.verifyingDepartmentId,
    filedAt: o.filedAt,
    filingDate: o.filingDate,
    markedAt: o.markedAt || undefined,
    markingDue: o.markingDue,
    markedOnTime: o.markedOnTime,
    verificationDue: o.verificationDue,
    verificationDayKind: o.verificationDayKind,
    policyVersion: o.policyVersion,
    escalated: o.escalated,
    overdue: o.overdue,
    outcome: ObjectionOutcomeNames.name(o.outcome),
    reasons: o.reasons || undefined,
    correctedFields: jsonObject(o.correctedFieldsJson),
    decidedBy: o.decidedBy || undefined,
    decidedAt: o.decidedAt || undefined,
    statements: o.statements.map((s) => ({
      sequence: s.sequence,
      requesterDepartmentId: s.requesterDepartmentId,
      grounds: s.grounds,
      statement: s.statement,
      contact: s.contact
        ? { name: s.contact.name, phone: s.contact.phone || undefined, email: s.contact.email || undefined, address: s.contact.address || undefined }
        : undefined,
      attachments: s.attachments.map((a) => ({ index: a.index, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: Number(a.sizeBytes), sha256: a.sha256 })),
      filedAt: s.filedAt,
    })),
    history: o.history.map((h) => ({ sequence: h.sequence, kind: h.kind, at: h.at, actor: h.actor, detail: jsonObject(h.detailJson) ?? {} })),
  };
}
