import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Events, ObjectionOutcomeNames, ObjectionTargetTypeNames, subjectTypeToProto, type ObjectionOutcomeName } from '@credit/contracts';
import { canonicalJson, chinaDateOf, type DomainError } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { AppError } from '@credit/runtime';
import { ObjectionEntity, ObjectionHistoryEntity } from './objection.entities';
import { OBJECTION_CLOCK, type Clock } from './objection.settings';

export interface DecideObjectionCommand {
  objectionId: string;
  departmentId: string;
  idempotencyKey: string;
  outcome: string;
  reasons: string;
  /** JSON text; required (an object) with CORRECTED. */
  correctedFieldsJson?: string;
}

const err = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verification outcome (核查结果) by the verifying department only: CORRECTED (with the corrected fields),
 * REVOKED or MAINTAINED, with reasons. Decided once; a retry with the same idempotency key returns the
 * first result. ObjectionResolved is emitted in the same transaction.
 */
@Injectable()
export class ObjectionDecisionService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(OBJECTION_CLOCK) private readonly clock: Clock,
  ) {}

  async decide(command: DecideObjectionCommand): Promise<string> {
    const { outcome, correctedFields } = this.validate(command);
    const requestHash = createHash('sha256')
      .update(canonicalJson({ outcome, reasons: command.reasons.trim(), correctedFields }))
      .digest('hex');
    return this.uow.run(async (tx) => {
      const objection = UUID.test(command.objectionId)
        ? await tx.manager.findOne(ObjectionEntity, { where: { id: command.objectionId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!objection) throw AppError.one('NOT_FOUND', 'OBJECTION_NOT_FOUND', '未找到该异议', 'No objection with this id.', 'objectionId');
      if (objection.verifyingDepartmentId !== command.departmentId.trim()) {
        throw AppError.one('FORBIDDEN', 'NOT_VERIFYING_DEPARTMENT', '只有信息提供（认定）单位可以作出核查结论', 'Only the verifying (providing) department may decide this objection.', 'departmentId');
      }
      const key = command.idempotencyKey.trim();
      if (objection.status !== 'OPEN') {
        if (objection.decisionIdempotencyKey === key) {
          if (objection.decisionRequestHash === requestHash) return objection.id;
          throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于内容不同的核查结论', 'This idempotency key was already used for a different decision.', 'idempotencyKey');
        }
        throw AppError.one('CONFLICT', 'OBJECTION_ALREADY_DECIDED', '该异议已作出核查结论', 'This objection has already been decided.', 'objectionId');
      }
      const now = this.clock();
      await tx.manager.update(
        ObjectionEntity,
        { id: objection.id },
        {
          status: 'RESOLVED',
          outcome,
          reasons: command.reasons.trim(),
          correctedFields: correctedFields as never,
          decidedBy: objection.verifyingDepartmentId,
          decidedAt: now,
          decisionDate: chinaDateOf(now),
          decisionIdempotencyKey: key,
          decisionRequestHash: requestHash,
        },
      );
      await tx.manager.insert(ObjectionHistoryEntity, {
        objectionId: objection.id,
        kind: 'RESOLVED',
        at: now,
        actor: objection.verifyingDepartmentId,
        detail: { outcome, reasons: command.reasons.trim(), ...(correctedFields ? { correctedFields } : {}) },
      });
      tx.emit({
        definition: Events.ObjectionResolved,
        subjectKey: objection.subjectKey,
        id: `objection-${objection.id}-resolved`,
        payload: {
          objectionId: objection.id,
          subject: {
            key: objection.subjectKey,
            type: subjectTypeToProto(objection.subjectType),
            name: objection.subjectName,
            uscc: objection.subjectUscc ?? '',
            maskedIdNumber: objection.subjectMaskedIdNumber ?? '',
          },
          targetType: ObjectionTargetTypeNames.toProto(objection.targetType),
          targetId: objection.targetId,
          targetVersion: objection.targetVersion,
          outcome: ObjectionOutcomeNames.toProto(outcome),
          reasons: command.reasons.trim(),
          correctedFieldsJson: correctedFields ? JSON.stringify(correctedFields) : '',
          providerDepartmentId: objection.verifyingDepartmentId,
          filedAt: objection.filedAt.toISOString(),
          resolvedAt: now.toISOString(),
        },
      });
      return objection.id;
    });
  }

  private validate(command: DecideObjectionCommand): { outcome: ObjectionOutcomeName; correctedFields: Record<string, unknown> | null } {
    const errors: DomainError[] = [];
    if (!command.departmentId?.trim()) errors.push(err('DEPARTMENT_REQUIRED', 'departmentId', '核查部门不能为空', 'The department is required.'));
    if (!command.idempotencyKey?.trim() || command.idempotencyKey.length > 200) {
      errors.push(err('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey', '幂等键不能为空且不超过200字', 'The idempotency key is required (at most 200 characters).'));
    }
    const outcome = command.outcome as ObjectionOutcomeName;
    if (!ObjectionOutcomeNames.names.includes(outcome)) {
      errors.push(err('OUTCOME_INVALID', 'outcome', '核查结论须为 更正/撤销/维持 (CORRECTED/REVOKED/MAINTAINED)', 'The outcome must be CORRECTED, REVOKED or MAINTAINED.'));
    }
    if (!command.reasons?.trim() || command.reasons.length > 5000) {
      errors.push(err('REASONS_REQUIRED', 'reasons', '须说明理由（不超过5000字）', 'Reasons are required (at most 5000 characters).'));
    }
    let correctedFields: Record<string, unknown> | null = null;
    const json = command.correctedFieldsJson?.trim() ?? '';
    if (outcome === 'CORRECTED') {
      let parsed: unknown;
      try {
        parsed = json ? JSON.parse(json) : undefined;
      } catch {
        parsed = undefined;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
        errors.push(err('CORRECTED_FIELDS_REQUIRED', 'correctedFieldsJson', '更正结论须以 JSON 对象给出更正后的信息项', 'A CORRECTED outcome needs the corrected fields as a non-empty JSON object.'));
      } else {
        correctedFields = parsed as Record<string, unknown>;
      }
    } else if (json) {
      errors.push(err('CORRECTED_FIELDS_NOT_ALLOWED', 'correctedFieldsJson', '只有更正结论可以给出更正信息项', 'Corrected fields are only given with a CORRECTED outcome.'));
    }
    if (errors.length > 0) throw AppError.validation(errors);
    return { outcome, correctedFields };
  }
}
