import { defaultCalendar } from '../calendar/working-day-calendar';
import { defaultPolicyRegistry, PolicyRegistry } from '../policy/policy-registry';
import { NATIONAL_POLICY_VERSIONS } from '../policy/national-versions';
import {
  DEFAULT_ATTACHMENT_LIMITS,
  isOverdue,
  median,
  objectionDeadlines,
  subtractWorkingDays,
  validateAttachments,
  type AttachmentUpload,
} from './objection-rules';

const calendar = defaultCalendar();
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31];
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
const head = (uploads: AttachmentUpload[]) => (i: number) => new Uint8Array(Buffer.from(uploads[i].contentBase64, 'base64').subarray(0, 16));

describe('objectionDeadlines', () => {
  it('gives 20 calendar days by default (national policy), counted from the day after filing', () => {
    const { parameters } = defaultPolicyRegistry().resolve('430923', '2026-09-21');
    const d = objectionDeadlines('2026-09-21', parameters.objection, calendar, 3);
    expect(d.verificationDue).toBe('2026-10-11');
    expect(d.escalationDate).toBe('2026-10-12');
    // 1 working day for marking: Tuesday.
    expect(d.markingDue).toBe('2026-09-22');
    // 3 working days before Sunday 11 October: 10 Oct (调休 Saturday), 9 Oct, 8 Oct → 8 October.
    expect(d.reminderDate).toBe('2026-10-08');
  });

  it('counts WORKING days across National Day 2026 and its 调休 Saturday when a jurisdiction says so', () => {
    const registry = new PolicyRegistry(NATIONAL_POLICY_VERSIONS, [
      { id: 'HN-430923-T', jurisdiction: '430923', effectiveFrom: '2026-01-01', basis: ['test'], parameters: { objection: { verificationDays: 5, verificationDayKind: 'WORKING' } } },
    ]);
    const { parameters } = registry.resolve('430923', '2026-09-28');
    const d = objectionDeadlines('2026-09-28', parameters.objection, calendar, 1);
    // 29 Sep, 30 Sep, (1–7 Oct holiday), 8 Oct, 9 Oct, 10 Oct (Saturday worked) → due 10 October.
    expect(d.verificationDue).toBe('2026-10-10');
    expect(d.escalationDate).toBe('2026-10-11');
    expect(d.reminderDate).toBe('2026-10-09');
    expect(isOverdue(d.verificationDue, '2026-10-10')).toBe(false);
    expect(isOverdue(d.verificationDue, '2026-10-11')).toBe(true);
  });

  it('never reminds before the filing date', () => {
    const { parameters } = defaultPolicyRegistry().resolve('430000', '2026-09-28');
    const d = objectionDeadlines('2026-09-28', { ...parameters.objection, verificationDays: 1 }, calendar, 5);
    expect(d.reminderDate).toBe('2026-09-28');
  });
});

describe('subtractWorkingDays', () => {
  it('steps back over the Spring Festival 2026 holiday', () => {
    // 24 Feb (Tue) back 2 working days: 14 Feb (调休 Saturday) is the working day before the holiday, then 13 Feb.
    expect(subtractWorkingDays(calendar, '2026-02-24', 1)).toBe('2026-02-14');
    expect(subtractWorkingDays(calendar, '2026-02-24', 2)).toBe('2026-02-13');
    expect(subtractWorkingDays(calendar, '2026-02-24', 0)).toBe('2026-02-24');
  });
});

describe('validateAttachments', () => {
  it('accepts up to the limit of allowed, well-formed files', () => {
    const uploads = [{ fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF) }];
    expect(validateAttachments(uploads, DEFAULT_ATTACHMENT_LIMITS, head(uploads))).toEqual([]);
  });

  it('names the index and field of each bad attachment', () => {
    const uploads: AttachmentUpload[] = [
      { fileName: 'ok.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF) },
      { fileName: 'a.exe', mediaType: 'application/x-msdownload', contentBase64: b64([0x4d, 0x5a]) },
      { fileName: 'fake.png', mediaType: 'image/png', contentBase64: b64(PDF) },
      { fileName: '', mediaType: 'image/jpeg', contentBase64: 'not base64!' },
    ];
    const errors = validateAttachments(uploads, DEFAULT_ATTACHMENT_LIMITS, head(uploads));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['attachments[1].mediaType', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['attachments[2].contentBase64', 'ATTACHMENT_CONTENT_MISMATCH'],
      ['attachments[3].fileName', 'ATTACHMENT_FILE_NAME_INVALID'],
      ['attachments[3].contentBase64', 'ATTACHMENT_CONTENT_INVALID'],
    ]);
  });

  it('refuses too many files and files over the size limit', () => {
    const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxFiles: 1, maxBytesPerFile: 8 };
    const uploads = [
      { fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF) },
      { fileName: 'b.pdf', mediaType: 'application/pdf', contentBase64: b64([...PDF, 1, 2, 3]) },
    ];
    const errors = validateAttachments(uploads, limits, head(uploads));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['attachments', 'ATTACHMENTS_TOO_MANY'],
      ['attachments[1].contentBase64', 'ATTACHMENT_TOO_LARGE'],
    ]);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
