import { renderTextPdf } from '@credit/documents';
import type { MeasureNoticeEntity } from '../feedback/check-case.entity';
import type { ListNoticeEntity } from '../lists/list-entry.entity';

export interface NoticeDocument {
  noticeNumber: string;
  fileName: string;
  pdf: Buffer;
  status: 'ISSUED' | 'WITHDRAWN';
}

/** The notice (告知书) of a list entry as PDF: its stored text, the first line as the title. */
export async function listNoticePdf(notice: ListNoticeEntity): Promise<NoticeDocument> {
  const pdf = await renderTextPdf(notice.textZh, { author: '公共信用信息平台' });
  return { noticeNumber: notice.noticeNumber, fileName: `${notice.noticeNumber}.pdf`, pdf, status: 'ISSUED' };
}

/** The written notice (书面告知) of a measure as PDF; a withdrawn one carries 已撤回 across the page and why. */
export async function measureNoticePdf(notice: MeasureNoticeEntity): Promise<NoticeDocument> {
  const withdrawn = notice.status === 'WITHDRAWN';
  const pdf = await renderTextPdf(notice.textZh, {
    author: notice.departmentId,
    watermark: withdrawn ? '已撤回' : undefined,
    appendix: withdrawn
      ? [`【本告知书已撤回】撤回日期：${notice.withdrawnOn ?? ''}；异议编号：${notice.withdrawnByObjectionId ?? ''}。`, notice.withdrawalReason ?? '']
      : undefined,
  });
  return { noticeNumber: notice.noticeNumber, fileName: `${notice.noticeNumber}.pdf`, pdf, status: withdrawn ? 'WITHDRAWN' : 'ISSUED' };
}
