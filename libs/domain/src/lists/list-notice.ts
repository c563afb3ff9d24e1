import type { IsoDate } from '../calendar/local-date';
import type { ListTypeCode } from './list-rules';

/** Names of the lists as notices print them. */
export const LIST_TYPE_LABELS: Readonly<Record<ListTypeCode, string>> = {
  RED: '守信红名单（诚信典型）',
  SERIOUS_DISHONESTY: '严重失信主体名单',
  KEY_ATTENTION: '重点关注对象名单',
};

/** Roles of related persons (落实到人, seed 003 §二(三)5). */
export const RELATION_LABELS: Readonly<Record<string, string>> = {
  LEGAL_REPRESENTATIVE: '法定代表人',
  PRINCIPAL: '主要负责人',
  DIRECTLY_RESPONSIBLE: '直接责任人',
};

export interface NoticeBasisRecord {
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  /** The department that provided the information. */
  readonly providerDepartmentId: string;
}

export interface ListNoticeInput {
  readonly noticeNumber: string;
  readonly subjectName: string;
  /** USCC for organisations, the masked ID number for persons. */
  readonly subjectIdentifier: string;
  readonly listType: ListTypeCode;
  readonly reason: string;
  readonly basisText: string;
  readonly basisRecords: readonly NoticeBasisRecord[];
  readonly identifyingDepartmentId: string;
  readonly issuedOn: IsoDate;
  /** Exclusive: objections are accepted up to the day before. */
  readonly objectionWindowEnd: IsoDate;
  readonly objectionWindowWorkingDays: number;
  /** Months of the entry's period once it takes effect. */
  readonly periodMonths: number;
  /** Set for a related person listed with an organisation. */
  readonly relatedTo?: { readonly organisationName: string; readonly relation: string };
  readonly policyVersion: string;
}

function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The written notice (书面告知) sent before a subject is listed: the reasons, the basis and the subject's rights,
 * with the objection window (国办发〔2020〕49号 (八); seed 003 §二(四)6). Plain text, zh.
 */
export function listNoticeText(input: ListNoticeInput): string {
  const list = LIST_TYPE_LABELS[input.listType];
  const punitive = input.listType !== 'RED';
  const lastDay = input.objectionWindowEnd;
  const lines: string[] = [];
  lines.push(`拟列入${list}告知书`);
  lines.push(`编号：${input.noticeNumber}`);
  lines.push('');
  lines.push(`${input.subjectName}（${input.subjectIdentifier}）：`);
  if (input.relatedTo) {
    const role = RELATION_LABELS[input.relatedTo.relation] ?? input.relatedTo.relation;
    lines.push(
      `    因${input.relatedTo.organisationName}拟被列入${list}，你作为其${role}，依据“落实到人”的规定（安化县 2023 §二(三)5），拟一并列入${list}。`,
    );
  }
  lines.push(`    经${input.identifyingDepartmentId}认定，你（单位）拟被列入${list}。`);
  lines.push(`一、列入事由：${input.reason}`);
  lines.push(`二、认定依据：${input.basisText}`);
  if (input.basisRecords.length > 0) {
    lines.push('三、所依据的公共信用信息及其提供单位：');
    for (const r of input.basisRecords) {
      lines.push(`    ${r.decisionNumber}（决定日期 ${chineseDate(r.decisionDate)}，提供单位 ${r.providerDepartmentId}）`);
    }
  } else {
    lines.push('三、所依据的公共信用信息及其提供单位：见认定依据。');
  }
  lines.push('四、你（单位）享有的权利：');
  lines.push(
    `    1. 陈述、申辩和异议：自本告知书发出之日（${chineseDate(input.issuedOn)}）起${input.objectionWindowWorkingDays}个工作日内，即${chineseDate(lastDay)}之前，可向认定部门或信用信息平台提出书面异议并提供证明材料；异议核查期间，依据相关信息的联合${punitive ? '惩戒' : '激励'}措施暂不执行。`,
  );
  if (punitive) {
    lines.push('    2. 信用修复：纠正失信行为、消除不良影响后，可依法申请信用修复；修复成功的，移出名单，停止联合惩戒。');
    lines.push('    3. 依法申请行政复议或者提起行政诉讼。');
  }
  lines.push(
    `五、期满未提出异议或异议经核查不成立的，自${chineseDate(lastDay)}起列入${list}，期限${input.periodMonths}个月，期满自动移出${punitive ? '，期间依法实施联合惩戒措施' : ''}。`,
  );
  lines.push('');
  lines.push(`${input.identifyingDepartmentId}`);
  lines.push(`${chineseDate(input.issuedOn)}`);
  lines.push(`（政策参数版本：${input.policyVersion}）`);
  return lines.join('\n');
}
