import { randomUUID } from 'node:crypto';
import {
  Events,
  ListEntryStatus,
  ListType,
  ObjectionTargetType,
  SeverityTier,
  SubjectType,
  type FileObjectionRequest,
  type ListEntryChanged,
  type RecordCollected,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { eventually, uniqueUscc, type ServiceUnderTest } from '@credit/testing';

export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A company with a unique USCC and its subject reference as events carry it. */
export function company(name = '安化测试茶业有限公司') {
  const uscc = uniqueUscc('430923');
  return { key: `ORG:${uscc}`, type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, maskedIdNumber: '' };
}

/** Publishes a RecordCollected (as record-collection would) and waits until the objection read model has it. */
export async function collectRecord(
  sut: ServiceUnderTest,
  options: { provider: string; subject?: ReturnType<typeof company>; recordId?: string; version?: number },
): Promise<RecordCollected> {
  const subject = options.subject ?? company();
  const recordId = options.recordId ?? randomUUID();
  const version = options.version ?? 1;
  const event: RecordCollected = {
    recordId,
    version,
    subject,
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: options.provider,
    decisionNumber: `安市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: '2026-08-03',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_GENERAL,
    disclosure: 'PUBLIC',
    publicityStart: '2026-08-03',
    publicityEnd: '2027-08-03',
    fieldsJson: JSON.stringify({ content: '罚款人民币伍仟元' }),
    jurisdiction: '430923',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: options.provider,
    objectionId: '',
  };
  await sut.publish(Events.RecordCollected, subject.key, event, `record-${recordId}-v${version}`);
  await eventually('the record in the objection read model', async () => {
    const rows = await sut.db.query<{ version: number }>(`SELECT version FROM objection.objection_target WHERE target_id = $1`, [recordId]);
    return rows[0]?.version === version ? true : undefined;
  });
  return event;
}

/** Publishes a ListEntryChanged (as joint-reward-punishment would) and waits for the read model. */
export async function changeListEntry(sut: ServiceUnderTest, options: { identifyingDepartment: string; subject?: ReturnType<typeof company> }): Promise<ListEntryChanged> {
  const subject = options.subject ?? company();
  const entryId = randomUUID();
  const event: ListEntryChanged = {
    entryId,
    subject,
    listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
    status: ListEntryStatus.LIST_ENTRY_STATUS_NOTIFIED,
    sequence: 2,
    basisRecordIds: [randomUUID()],
    ruleCode: '',
    identifyingDepartmentId: options.identifyingDepartment,
    periodStart: '',
    periodEnd: '',
    reason: '拟列入严重失信主体名单',
    actor: options.identifyingDepartment,
    relatedToEntryId: '',
    relation: '',
    basisText: '国办发〔2020〕49号',
    objectionWindowEnd: '2026-09-30',
    endReason: '',
    changedAt: new Date().toISOString(),
    causeId: '',
  };
  await sut.publish(Events.ListEntryChanged, subject.key, event, `entry-${entryId}-2`);
  await eventually('the list entry in the objection read model', async () => {
    const rows = await sut.db.query(`SELECT 1 FROM objection.objection_target WHERE target_id = $1`, [entryId]);
    return rows.length ? true : undefined;
  });
  return event;
}

export function filing(targetId: string, overrides: Partial<FileObjectionRequest> = {}): FileObjectionRequest {
  return {
    requesterDepartmentId: 'credit-office-window',
    idempotencyKey: randomUUID(),
    targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
    targetId,
    targetVersion: 0,
    grounds: 'WRONG_CONTENT',
    statement: '处罚决定书所载罚款金额有误，应为人民币伍佰元。',
    contact: { name: '张经理', phone: '13800000000', email: '', address: '' },
    attachments: [{ fileName: '缴款凭证.pdf', mediaType: 'application/pdf', contentBase64: PDF_BYTES.toString('base64') }],
    ...overrides,
  };
}

/** Awaits a rejection and returns the AppError (fails the test if it resolved or threw something else). */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected an AppError, but the call succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}
