import { addCalendarDays, compareDates, type IsoDate } from '../calendar/local-date';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { DomainError } from '../errors';
import type { PolicyParameters } from '../policy/policy-parameters';

/** Grounds of an objection (异议理由). */
export const OBJECTION_GROUNDS = ['NOT_ME', 'WRONG_CONTENT', 'SHOULD_HAVE_EXPIRED', 'ALREADY_REPAIRED', 'OTHER'] as const;
export type ObjectionGrounds = (typeof OBJECTION_GROUNDS)[number];

export function isObjectionGrounds(value: string): value is ObjectionGrounds {
  return (OBJECTION_GROUNDS as readonly string[]).includes(value);
}

/** Deadlines of one objection, all `YYYY-MM-DD`, computed from the policy in force on the filing date. */
export interface ObjectionDeadlines {
  /** Last day on which the target must be marked "under objection" (`objection.markingWorkingDays`). */
  readonly markingDue: IsoDate;
  /** Last day of the provider's verification: filing date + `verificationDays` in `verificationDayKind` days. */
  readonly verificationDue: IsoDate;
  /** The day the verifying department is reminded: `reminderWorkingDays` working days before `verificationDue`. */
  readonly reminderDate: IsoDate;
  /** The first day the objection is overdue and escalated to the credit office (the day after `verificationDue`). */
  readonly escalationDate: IsoDate;
}

/**
 * The `n`-th working day before `date` (`date` itself is not counted): the mirror of
 * `WorkingDayCalendar.addWorkingDays`. `n = 0` is `date`.
 */
export function subtractWorkingDays(calendar: WorkingDayCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  let current = date;
  for (let remaining = n; remaining > 0; ) {
    current = addCalendarDays(current, -1);
    if (calendar.isWorkingDay(current)) remaining--;
  }
  return current;
}

/**
 * Deadlines of an objection filed (and so notified to the verifying department) on `filingDate`.
 * - Verification: "收到核查通知之日起20日内" — counting starts the day after the filing date; with CALENDAR
 *   days the due date is `filingDate + n`, with WORKING days the `n`-th working day after it (holidays and
 *   调休 per the calendar). The due date itself is still in time.
 * - Marking: within `markingWorkingDays` working days of filing.
 * - Reminder: `reminderWorkingDays` working days before the due date (never before the filing date).
 */
export function objectionDeadlines(
  filingDate: IsoDate,
  objection: PolicyParameters['objection'],
  calendar: WorkingDayCalendar,
  reminderWorkingDays: number,
): ObjectionDeadlines {
  const verificationDue =
    objection.verificationDayKind === 'WORKING'
      ? calendar.addWorkingDays(filingDate, objection.verificationDays)
      : addCalendarDays(filingDate, objection.verificationDays);
  const reminder = subtractWorkingDays(calendar, verificationDue, reminderWorkingDays);
  return {
    markingDue: calendar.addWorkingDays(filingDate, objection.markingWorkingDays),
    verificationDue,
    reminderDate: compareDates(reminder, filingDate) < 0 ? filingDate : reminder,
    escalationDate: addCalendarDays(verificationDue, 1),
  };
}

/** An objection that is still open on `asOf` is overdue from the day after its due date. */
export function isOverdue(verificationDue: IsoDate, asOf: IsoDate): boolean {
  return compareDates(asOf, verificationDue) > 0;
}

/** Limits on evidence attachments: service configuration (defaults below). */
export interface AttachmentLimits {
  readonly maxFiles: number;
  readonly maxBytesPerFile: number;
  /** Media types accepted; each must have a signature in {@link MEDIA_TYPE_SIGNATURES} to be checked. */
  readonly allowedMediaTypes: readonly string[];
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFiles: 5,
  maxBytesPerFile: 5 * 1024 * 1024,
  allowedMediaTypes: ['application/pdf', 'image/jpeg', 'image/png'],
};

/** Leading bytes of each accepted type: the declared media type must match the content. */
export const MEDIA_TYPE_SIGNATURES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** An attachment as uploaded: the content as base64 text. */
export interface AttachmentUpload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly contentBase64: string;
}

function isBase64Char(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}

/** Canonical padded base64 (RFC 4648 §4), checked in one linear pass (large inputs are megabytes long). */
export function isBase64(text: string): boolean {
  if (text.length === 0 || text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < text.length - padding; i += 1) {
    if (!isBase64Char(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Decoded size of a canonical base64 string (without decoding it). */
export function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

const attachmentError = (index: number, field: string, code: string, zh: string, en: string): DomainError => ({
  code,
  field: `attachments[${index}].${field}`,
  message: { zh: `附件 ${index + 1}：${zh}`, en: `Attachment ${index + 1}: ${en}` },
});

/**
 * Checks uploads before anything is decoded or stored: count, file name, declared type, base64 form, size.
 * `decodeHead(i)` returns the first bytes of upload `i` (called only for uploads that passed the other
 * checks) so the declared type is compared with the content's signature. Errors name the attachment
 * index and field, e.g. `attachments[2].mediaType`.
 */
export function validateAttachments(
  uploads: readonly AttachmentUpload[],
  limits: AttachmentLimits,
  decodeHead: (index: number) => Uint8Array,
): DomainError[] {
  const errors: DomainError[] = [];
  if (uploads.length > limits.maxFiles) {
    errors.push({
      code: 'ATTACHMENTS_TOO_MANY',
      field: 'attachments',
      message: { zh: `附件最多 ${limits.maxFiles} 个，收到 ${uploads.length} 个`, en: `At most ${limits.maxFiles} attachments, got ${uploads.length}.` },
    });
  }
  const maxMiB = Math.round((limits.maxBytesPerFile / 1024 / 1024) * 100) / 100;
  uploads.forEach((upload, i) => {
    const name = upload.fileName?.trim() ?? '';
    if (!name || name.length > 255 || /[\\/]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20)) {
      errors.push(attachmentError(i, 'fileName', 'ATTACHMENT_FILE_NAME_INVALID', '文件名不能为空、不超过255字且不含路径', 'the file name is required, at most 255 characters, without a path.'));
    }
    const typeAllowed = limits.allowedMediaTypes.includes(upload.mediaType);
    if (!typeAllowed) {
      errors.push(
        attachmentError(i, 'mediaType', 'ATTACHMENT_TYPE_NOT_ALLOWED', `文件类型须为 ${limits.allowedMediaTypes.join('、')}`, `the media type must be one of ${limits.allowedMediaTypes.join(', ')}, got ${JSON.stringify(upload.mediaType)}.`),
      );
    }
    const content = upload.contentBase64 ?? '';
    if (!isBase64(content)) {
      errors.push(attachmentError(i, 'contentBase64', 'ATTACHMENT_CONTENT_INVALID', '内容须为非空的 Base64 编码', 'the content must be non-empty base64.'));
      return;
    }
    const size = base64DecodedLength(content);
    if (size > limits.maxBytesPerFile) {
      errors.push(attachmentError(i, 'contentBase64', 'ATTACHMENT_TOO_LARGE', `文件不能超过 ${maxMiB} MiB`, `the file must not exceed ${maxMiB} MiB (${limits.maxBytesPerFile} bytes), got ${size} bytes.`));
      return;
    }
    const signature = MEDIA_TYPE_SIGNATURES[upload.mediaType];
    if (typeAllowed && signature) {
      const head = decodeHead(i);
      if (head.length < signature.length || signature.some((byte, k) => head[k] !== byte)) {
        errors.push(attachmentError(i, 'contentBase64', 'ATTACHMENT_CONTENT_MISMATCH', `文件内容与声明的类型 ${upload.mediaType} 不符`, `the content is not a ${upload.mediaType} file.`));
      }
    }
  });
  return errors;
}

/** Median of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
