import {
  ListEntryStatusNames,
  ListTypeNames,
  ObjectionOutcomeNames,
  ObjectionTargetTypeNames,
  RecordStatusNames,
  RepairTargetTypeNames,
  severityName,
  subjectTypeName,
  type CheckPerformed,
  type CommitmentFulfilmentRecorded,
  type CommitmentMade,
  type EventName,
  type EventPayload,
  type ListEntryChanged,
  type ObjectionMarked,
  type ObjectionResolved,
  type RecordCollected,
  type RecordStatusChanged,
  type RepairApproved,
  type RepairRevoked,
  type SubjectRef,
} from '@credit/contracts';

/** What an event offers to the field mapping: a flat-ish view addressed by dotted paths. */
export interface OutboundView {
  /** The resource-mapping source the event belongs to; null when it is never forwarded. */
  source: string | null;
  operation: 'UPSERT' | 'STATUS';
  view: Record<string, unknown>;
}

const subjectView = (s: SubjectRef | undefined) => ({
  key: s?.key ?? '',
  type: subjectTypeName(s?.type) ?? '',
  name: s?.name ?? '',
  uscc: s?.uscc ?? '',
  // Only the masked form ever travels: events never carry the full ID number.
  maskedIdNumber: s?.maskedIdNumber ?? '',
});

function parseFields(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Viewers = { [N in EventName]: (event: EventPayload<N>) => OutboundView };

/** Events → views. A list entry is forwarded once it is a list entry (ACTIVE, SUSPENDED, ENDED), not while proposed. */
export const OUTBOUND_VIEWS: Viewers = {
  RecordCollected: (e: RecordCollected) => ({
    source: `RECORD:${e.catalogueItemCode}`,
    operation: 'UPSERT',
    view: {
      recordId: e.recordId,
      version: e.version,
      catalogueItemCode: e.catalogueItemCode,
      category: e.category,
      providerDepartmentId: e.providerDepartmentId,
      decisionNumber: e.decisionNumber,
      decisionDate: e.decisionDate,
      adverse: e.adverse,
      severity: severityName(e.severity) ?? '',
      disclosure: e.disclosure,
      publicityStart: e.publicityStart,
      publicityEnd: e.publicityEnd,
      jurisdiction: e.jurisdiction,
      collectedAt: e.collectedAt,
      subject: subjectView(e.subject),
      fields: parseFields(e.fieldsJson),
    },
  }),
  RecordStatusChanged: (e: RecordStatusChanged) => ({
    source: 'RECORD_STATUS',
    operation: 'STATUS',
    view: {
      recordId: e.recordId,
      version: e.version,
      catalogueItemCode: e.catalogueItemCode,
      status: RecordStatusNames.name(e.status) ?? '',
      cause: e.cause,
      reason: e.reason,
      publicityEnd: e.publicityEnd,
      effectiveDate: e.effectiveDate,
      actorDepartmentId: e.actorDepartmentId,
      changedAt: e.changedAt,
      subject: subjectView(e.subject),
    },
  }),
  ListEntryChanged: (e: ListEntryChanged) => {
    const status = ListEntryStatusNames.name(e.status);
    const listed = status === 'ACTIVE' || status === 'SUSPENDED' || status === 'ENDED';
    return {
      source: listed ? `LIST_ENTRY:${ListTypeNames.name(e.listType) ?? ''}` : null,
      operation: 'UPSERT',
      view: {
        entryId: e.entryId,
        sequence: e.sequence,
        listType: ListTypeNames.name(e.listType) ?? '',
        status: status ?? '',
        identifyingDepartmentId: e.identifyingDepartmentId,
        periodStart: e.periodStart,
        periodEnd: e.periodEnd,
        basisText: e.basisText,
        basisRecordIds: e.basisRecordIds.join(','),
        endReason: e.endReason,
        changedAt: e.changedAt,
        subject: subjectView(e.subject),
      },
    };
  },
  RepairApproved: (e: RepairApproved) => ({
    source: 'REPAIR_APPROVED',
    operation: 'UPSERT',
    view: {
      applicationId: e.applicationId,
      targetType: RepairTargetTypeNames.name(e.targetType) ?? '',
      targetId: e.targetId,
      recordIds: e.recordIds.join(','),
      decidingDepartmentId: e.decidingDepartmentId,
      effectiveDate: e.effectiveDate,
      decidedAt: e.decidedAt,
      subject: subjectView(e.subject),
    },
  }),
  RepairRevoked: (e: RepairRevoked) => ({
    source: 'REPAIR_REVOKED',
    operation: 'STATUS',
    view: {
      applicationId: e.applicationId,
      targetType: RepairTargetTypeNames.name(e.targetType) ?? '',
      targetId: e.targetId,
      recordIds: e.recordIds.join(','),
      reason: e.reason,
      actorDepartmentId: e.actorDepartmentId,
      revokedAt: e.revokedAt,
      subject: subjectView(e.subject),
    },
  }),
  // A check-log summary: who checked which subject for which matter, and the verdict (no evidence contents).
  CheckPerformed: (e: CheckPerformed) => ({
    source: 'CHECK',
    operation: 'UPSERT',
    view: {
      checkId: e.checkId,
      matterType: e.matterType,
      requesterDepartmentId: e.requesterDepartmentId,
      verdict: e.verdict,
      measureCodes: e.measureCodes.join(','),
      policyVersion: e.policyVersion,
      checkedAt: e.checkedAt,
      subject: subjectView(e.subject),
    },
  }),
  ObjectionMarked: (e: ObjectionMarked) => ({
    source: 'OBJECTION_MARKED',
    operation: 'STATUS',
    view: {
      objectionId: e.objectionId,
      targetType: ObjectionTargetTypeNames.name(e.targetType) ?? '',
      targetId: e.targetId,
      verificationDue: e.verificationDue,
      markedAt: e.markedAt,
      subject: subjectView(e.subject),
    },
  }),
  ObjectionResolved: (e: ObjectionResolved) => ({
    source: 'OBJECTION_RESOLVED',
    operation: 'STATUS',
    view: {
      objectionId: e.objectionId,
      targetType: ObjectionTargetTypeNames.name(e.targetType) ?? '',
      targetId: e.targetId,
      outcome: ObjectionOutcomeNames.name(e.outcome) ?? '',
      resolvedAt: e.resolvedAt,
      subject: subjectView(e.subject),
    },
  }),
  // Measures-list editions are local reference data: not sent to the province.
  MeasuresEditionPublished: () => ({ source: null, operation: 'UPSERT', view: {} }),
  CommitmentMade: (e: CommitmentMade) => ({
    source: 'COMMITMENT',
    operation: 'UPSERT',
    view: {
      commitmentId: e.commitmentId,
      commitmentCode: e.commitmentCode,
      type: e.type,
      content: e.content,
      matter: e.matter,
      deadline: e.deadline,
      receivingDepartmentId: e.receivingDepartmentId,
      madeOn: e.madeOn,
      subject: subjectView(e.subject),
    },
  }),
  CommitmentFulfilmentRecorded: (e: CommitmentFulfilmentRecorded) => ({
    source: 'COMMITMENT_FULFILMENT',
    operation: 'STATUS',
    view: {
      commitmentId: e.commitmentId,
      commitmentCode: e.commitmentCode,
      status: e.status,
      fulfilmentDate: e.fulfilmentDate,
      breachRecordId: e.breachRecordId,
      receivingDepartmentId: e.receivingDepartmentId,
      subject: subjectView(e.subject),
    },
  }),
};

/** Reads a dotted path (`subject.uscc`, `fields.authority`) from a view. */
export function readPath(view: Record<string, unknown>, path: string): unknown {
  let value: unknown = view;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Writes a dotted path, creating the objects on the way. */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!node[part] || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Applies the OUT field mapping: province field code → value (absent and empty values are left out). */
export function mapToProvince(view: Record<string, unknown>, fields: { provinceField: string; ourField: string }[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const value = readPath(view, f.ourField);
    if (value === undefined || value === null || value === '') continue;
    data[f.provinceField] = value;
  }
  return data;
}
