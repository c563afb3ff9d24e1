import { randomUUID } from 'node:crypto';
import {
  Events,
  ListEntryStatusNames,
  ObjectionOutcome,
  ObjectionTargetType,
  RepairTargetType,
  SeverityTier,
  SubjectType,
  type ListEntryChanged,
  type RecordCollected,
  type SubjectRef,
} from '@credit/contracts';
import { resolveSubject, SubjectType as DomainSubjectType } from '@credit/domain';
import { eventually, uniqueIdNumber, uniqueUscc, type ServiceUnderTest } from '@credit/testing';

/** An enterprise as events carry it. */
export function company(name = '安化测试建设有限公司'): SubjectRef {
  const uscc = uniqueUscc('430923');
  return { key: `ORG:${uscc}`, type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, maskedIdNumber: '' };
}

/** A natural person as events carry it (key from the ID number, only the masked number travels). */
export function person(name = '张测试'): SubjectRef & { idNumber: string } {
  const idNumber = uniqueIdNumber('430923');
  const resolved = resolveSubject({ type: DomainSubjectType.NATURAL_PERSON, name, idNumber });
  if (!resolved.ok) throw new Error('test person invalid');
  return {
    key: resolved.subject.key,
    type: SubjectType.SUBJECT_TYPE_NATURAL_PERSON,
    name,
    uscc: '',
    maskedIdNumber: resolved.subject.maskedIdNumber ?? '',
    idNumber,
  };
}

/** 10:00 in Beijing on the given day, as RFC 3339. */
export const at = (day: string): string => `${day}T02:00:00.000Z`;

export function penalty(
  subject: SubjectRef,
  options: {
    severity: 'GENERAL' | 'SERIOUS';
    decisionDate: string;
    collectedOn: string;
    recordId?: string;
    version?: number;
    relatedPersons?: { person: SubjectRef; role: string }[];
    objectionId?: string;
  },
): RecordCollected {
  const recordId = options.recordId ?? randomUUID();
  return {
    recordId,
    version: options.version ?? 1,
    subject: { key: subject.key, type: subject.type, name: subject.name, uscc: subject.uscc, maskedIdNumber: subject.maskedIdNumber },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'anhua-samr',
    decisionNumber: `安市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: options.decisionDate,
    adverse: true,
    severity: options.severity === 'SERIOUS' ? SeverityTier.SEVERITY_TIER_SERIOUS : SeverityTier.SEVERITY_TIER_GENERAL,
    disclosure: 'PUBLIC',
    publicityStart: options.decisionDate,
    publicityEnd: '',
    fieldsJson: JSON.stringify({ authority: '安化县市场监督管理局', basis: '《食品安全法》第一百二十四条', content: '罚款' }),
    jurisdiction: '430923',
    policyVersion: 'CN-2025.1',
    collectedAt: at(options.collectedOn),
    relatedPersons: (options.relatedPersons ?? []).map((r) => ({
      person: { key: r.person.key, type: r.person.type, name: r.person.name, uscc: '', maskedIdNumber: r.person.maskedIdNumber },
      role: r.role,
    })),
    submittedByDepartmentId: 'anhua-samr',
    objectionId: options.objectionId ?? '',
  };
}

export const statusName = (e: ListEntryChanged): string | undefined => ListEntryStatusNames.name(e.status);

/** Every ListEntryChanged of a subject the service emitted so far, oldest first. */
export async function changesOf(sut: ServiceUnderTest, subjectKey: string): Promise<ListEntryChanged[]> {
  return (await sut.events(Events.ListEntryChanged)).filter((e) => e.subjectKey === subjectKey).map((e) => e.payload);
}

/** Waits until the subject has `count` ListEntryChanged events and returns them. */
export async function awaitChanges(sut: ServiceUnderTest, subjectKey: string, count: number): Promise<ListEntryChanged[]> {
  return eventually(`${count} ListEntryChanged for ${subjectKey}`, async () => {
    const changes = await changesOf(sut, subjectKey);
    return changes.length >= count ? changes : undefined;
  });
}

export function objectionMarked(subject: SubjectRef, targetType: 'RECORD' | 'LIST_ENTRY', targetId: string, day: string) {
  return {
    objectionId: randomUUID(),
    subject,
    targetType: targetType === 'RECORD' ? ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD : ObjectionTargetType.OBJECTION_TARGET_TYPE_LIST_ENTRY,
    targetId,
    targetVersion: 0,
    grounds: 'WRONG_CONTENT',
    providerDepartmentId: 'anhua-samr',
    verificationDue: day,
    filedAt: at(day),
    markedAt: at(day),
  };
}

export function objectionResolved(
  marked: ReturnType<typeof objectionMarked>,
  outcome: 'MAINTAINED' | 'REVOKED' | 'CORRECTED',
  day: string,
) {
  return {
    objectionId: marked.objectionId,
    subject: marked.subject,
    targetType: marked.targetType,
    targetId: marked.targetId,
    targetVersion: 0,
    outcome:
      outcome === 'MAINTAINED'
        ? ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED
        : outcome === 'REVOKED'
          ? ObjectionOutcome.OBJECTION_OUTCOME_REVOKED
          : ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED,
    reasons: outcome === 'MAINTAINED' ? '经核查，认定事实清楚' : '经核查，认定有误',
    correctedFieldsJson: '',
    providerDepartmentId: 'anhua-samr',
    filedAt: marked.filedAt,
    resolvedAt: at(day),
  };
}

export function repairApproved(subject: SubjectRef, targetType: 'RECORD' | 'LIST_ENTRY', targetId: string, recordIds: string[], day: string) {
  return {
    applicationId: randomUUID(),
    subject,
    targetType: targetType === 'RECORD' ? RepairTargetType.REPAIR_TARGET_TYPE_RECORD : RepairTargetType.REPAIR_TARGET_TYPE_LIST_ENTRY,
    targetId,
    recordIds,
    decidingDepartmentId: 'anhua-fgw',
    commitmentId: '',
    effectiveDate: day,
    decidedAt: at(day),
  };
}
