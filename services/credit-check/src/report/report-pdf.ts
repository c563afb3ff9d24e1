import { renderPdf, type DocumentBlock } from '@credit/documents';
import type { CreditReportContent } from './report-content';

/** Renders the report as an A4 PDF with the Chinese font embedded (subset), through libs/documents. */
export function renderReportPdf(report: CreditReportContent, fingerprint: { jsonSha256: string; keyId: string }): Promise<Buffer> {
  const blocks: DocumentBlock[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const line = (text: string) => blocks.push({ kind: 'line', text });

  blocks.push({ kind: 'title', text: '信 用 报 告' });
  blocks.push({ kind: 'subtitle', text: `报告编号：${report.reportNumber}` });
  blocks.push({ kind: 'subtitle', text: `出具单位：${report.issuer}    出具时间：${report.issuedAt.slice(0, 10)}    有效期至：${report.validUntil}` });

  heading('一、基本信息');
  line(`主体名称：${report.subject.name}`);
  line(`主体类型：${report.subject.typeLabel}`);
  if (report.subject.uscc) line(`统一社会信用代码：${report.subject.uscc}`);
  if (report.subject.maskedIdNumber) line(`身份证件号码：${report.subject.maskedIdNumber}`);
  if (report.purpose) line(`报告用途：${report.purpose}`);

  heading('二、公示期内的信用信息');
  if (report.records.length === 0) line('无。');
  report.records.forEach((r, i) => {
    const tier = r.adverse ? `【${r.severityLabel ?? ''}失信】` : '';
    line(`${i + 1}. ${tier}${r.decisionNumber}（${r.decisionDate}，提供单位：${r.providerDepartmentId}）${r.underObjection ? '【异议处理中】' : ''}`);
    if (r.content) line(`    内容：${r.content}${r.publicityEnd ? `；公示截止：${r.publicityEnd}` : ''}`);
  });

  heading('三、名单信息');
  if (report.lists.length === 0) line('未被列入红名单、严重失信主体名单或重点关注对象名单。');
  report.lists.forEach((e, i) =>
    line(`${i + 1}. ${e.listLabel}（认定单位：${e.identifyingDepartmentId}，期限：${e.periodStart ?? '—'} 至 ${e.periodEnd ?? '—'}）${e.underObjection ? '【异议处理中】' : ''}${e.basisText ? `；依据：${e.basisText}` : ''}`),
  );

  heading('四、信用承诺及履约情况');
  if (report.commitments.length === 0) line('无。');
  report.commitments.forEach((c, i) => line(`${i + 1}. ${c.decisionNumber}（${c.decisionDate}）${c.content}${c.fulfilment ? `；履约情况：${c.fulfilment}` : ''}`));

  heading('五、信用等级及风险提示');
  line(`信用等级：${report.grade.label}（评分 ${report.grade.score}，模型 ${report.grade.modelVersion}）`);
  for (const f of report.grade.factors) line(`    · ${f}`);
  line(`风险提示：${report.riskWarning.text}`);

  heading('六、说明');
  line(`本报告有效期 ${report.validityMonths} 个月（${report.validFrom} 至 ${report.validUntil}），有效期内可重复使用，但发生重大信用事件的除外。`);
  line(`本平台未归集以下信息，本报告不含：${report.notCovered.join('、')}。`);
  line(`政策版本：${report.policyVersion}`);
  line(`数字指纹（报告内容 SHA-256）：${fingerprint.jsonSha256}`);
  line(`签名算法 Ed25519，密钥标识：${fingerprint.keyId}。凭报告编号及本文件可在平台核验报告是否被篡改。`);

  return renderPdf({
    info: { title: `信用报告 ${report.reportNumber}`, author: report.issuer, subject: report.subject.name, createdAt: new Date(report.issuedAt) },
    blocks,
  });
}
