import type { IsoDate } from '../calendar/local-date';

/** A piece of public credit information a measure rests on, with its provider (seed 000 Art. 6). */
export interface NoticeInformation {
  /** e.g. the decision number of a record, or the list an entry puts the subject on. */
  readonly description: string;
  /** The unit that provided it (信息提供单位) or identified the entry (认定部门). */
  readonly provider: string;
}

export interface MeasureNoticeInput {
  readonly noticeNumber: string;
  readonly subjectName: string;
  /** USCC for organisations, the masked ID number for persons. */
  readonly subjectIdentifier: string;
  /** The executing (checking) department. */
  readonly departmentId: string;
  readonly matterName: string;
  readonly matterReference: string;
  readonly checkDay: IsoDate;
  readonly measureCode: string;
  readonly measureContent: string;
  readonly measureType: string;
  readonly legalBasis: readonly string[];
  readonly startDate: IsoDate;
  /** Null: until the matter is closed. */
  readonly endDate: IsoDate | null;
  /** What the department did (措施内容), when it said more than the measure's wording. */
  readonly content: string | null;
  readonly information: readonly NoticeInformation[];
  readonly issuedOn: IsoDate;
}

function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The written notice (书面告知) of a measure applied after a check: the measure, its basis and period, and —
 * as seed 000 Art. 6 requires — the public credit information it rests on and the unit that provided it,
 * with the subject's rights (objection, repair). Plain text, zh.
 */
export function measureNoticeText(input: MeasureNoticeInput): string {
  const incentive = input.measureType === 'INCENTIVE';
  const kind = incentive ? '守信激励措施' : '信用监管（惩戒）措施';
  const lines: string[] = [];
  lines.push(`采取${kind}告知书`);
  lines.push(`编号：${input.noticeNumber}`);
  lines.push('');
  lines.push(`${input.subjectName}（${input.subjectIdentifier}）：`);
  lines.push(
    `    本单位（${input.departmentId}）于${chineseDate(input.checkDay)}办理“${input.matterName}”事项（办件号 ${input.matterReference}）时依法查询了你（单位）的公共信用信息，现依据下列信息对你（单位）采取${kind}。`,
  );
  lines.push(`一、措施：${input.measureContent}（措施编码 ${input.measureCode}）`);
  if (input.content) lines.push(`    具体内容：${input.content}`);
  lines.push(`二、措施依据：${input.legalBasis.length ? input.legalBasis.join('；') : '见措施清单'}`);
  lines.push(`三、实施期限：自${chineseDate(input.startDate)}起${input.endDate ? `至${chineseDate(input.endDate)}止` : '至本办件办结'}`);
  lines.push('四、所依据的公共信用信息及其提供单位（湖南省工信厅 2021 第六条）：');
  if (input.information.length === 0) lines.push('    无');
  input.information.forEach((info, i) => lines.push(`    ${i + 1}. ${info.description}（提供单位：${info.provider}）`));
  if (!incentive) {
    lines.push('五、你（单位）享有的权利：');
    lines.push('    1. 对上述信息有异议的，可向信息提供单位或信用信息平台提出异议申请；异议核查期间，依据该信息的惩戒措施暂不执行。');
    lines.push('    2. 纠正失信行为、消除不良影响后，可依法申请信用修复。');
    lines.push('    3. 依法申请行政复议或者提起行政诉讼。');
  }
  lines.push('');
  lines.push(input.departmentId);
  lines.push(chineseDate(input.issuedOn));
  return lines.join('\n');
}
