import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  publicityWindow,
  REPAIR_METHOD_LABELS,
  repairMethodsFor,
  SEVERITY_TIER_LABELS,
  type SeverityTier,
  type SubjectType,
} from '@credit/domain';
import type { RepairRecordEntity } from '../read-model/read-model.entity';
import { policyAt } from '../repair/repair-clock';
import type { ReminderLetterEntity } from './reminder-letter.entity';

/**
 * Builds the 修复提醒告知函 of an adverse record: what can be repaired, from which date (the minimum publicity
 * end under the policy in force at the decision date), by which route and methods, and the deadlines of the
 * procedure (under the platform's policy on the day of issue). Free of charge, and it says so.
 */
export function buildReminderLetter(record: RepairRecordEntity, platformJurisdiction: string, issuedAt: Date, issuedOn: string): ReminderLetterEntity {
  const severity = record.severity as SeverityTier;
  const recordPolicy = policyAt(record.jurisdiction, record.decisionDate);
  const window = publicityWindow(severity, record.decisionDate, recordPolicy.parameters);
  const procedure = policyAt(platformJurisdiction, issuedOn);
  const { acceptanceFeedbackWorkingDays, decisionWorkingDays } = procedure.parameters.repair;
  const methods = repairMethodsFor(record.subject.type as SubjectType);
  const fine = record.fineAmount !== null && Number(record.fineAmount) > 0;
  const obligations = [...(fine ? ['FINE_PAYMENT'] : []), 'RECTIFICATION', 'REPAIR_COMMITMENT'];
  const routes = severity === 'SERIOUS' ? ['RECORD', 'LIST_ENTRY'] : ['RECORD'];
  const s = record.subject;
  const identifier = s.uscc ? `统一社会信用代码：${s.uscc}` : `身份证号码：${s.maskedIdNumber}`;
  const from = window.minEnd === record.decisionDate ? '即日起' : `自${window.minEnd}起`;
  const text = [
    '信用修复提醒告知函',
    `${s.name}（${identifier}）：`,
    `你（单位）因${record.decisionNumber}（决定日期${record.decisionDate}）被认定的失信信息属于${SEVERITY_TIER_LABELS[severity].zh}失信信息，` +
      `如不修复，将公示至${addCalendarDays(window.maxEnd, -1)}。`,
    `${from}，在${fine ? '履行罚款等行政处罚义务、' : '履行行政处罚义务、'}完成整改并消除不良影响、签署信用修复承诺书后，` +
      `可向认定部门（${record.providerDepartmentId}）申请信用修复，提前停止公示${severity === 'SERIOUS' ? '，并可申请移出严重失信主体名单' : ''}。`,
    `修复方式：${methods.map((m) => REPAIR_METHOD_LABELS[m].zh).join('、')}。`,
    `申请受理后${acceptanceFeedbackWorkingDays}个工作日内反馈结果；认定部门收到材料后${decisionWorkingDays}个工作日内作出决定。`,
    '信用修复不收取任何费用。',
  ].join('\n');
  return {
    id: randomUUID(),
    recordId: record.recordId,
    subjectKey: record.subjectKey,
    subject: record.subject,
    decidingDepartmentId: record.providerDepartmentId,
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    severity,
    earliestRepairDate: window.minEnd,
    publicityMaxEnd: window.maxEnd,
    routes,
    methods,
    obligations,
    acceptanceFeedbackWorkingDays,
    decisionWorkingDays,
    textZh: text,
    policyVersion: [...recordPolicy.versionIds, ...procedure.versionIds.filter((v) => !recordPolicy.versionIds.includes(v))].join('+'),
    issuedAt,
  };
}
