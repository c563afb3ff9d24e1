/**
 * credit-check alone on PostgreSQL: grades (分级分类) kept up to date from the profile events, 双随机 sampling
 * per grade with a reproducible seed, and signed credit reports (JSON + PDF) that verify until a byte changes.
 */
import { createPublicKey, randomUUID, verify as verifySignature } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  Events,
  ListEntryStatus,
  ListType,
  ObjectionTargetType,
  ProtoFiles,
  SeverityTier,
  SubjectType,
  type ListEntryChanged,
  type RecordCollected,
} from '@credit/contracts';
import { addCalendarDays, addMonths, sampleSize, subjectKeyForUscc } from '@credit/domain';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { CreditCheckModule } from '../src/credit-check.module';
import { GradeService } from '../src/grade/grade.service';
import { ReportGradeRpc } from '../src/report/report-grade.rpc';
import { signedMessage } from '../src/report/report.service';

const NAME = '湖南信诚建设工程有限公司';

function record(uscc: string, over: Partial<RecordCollected> = {}): RecordCollected {
  const recordId = randomUUID();
  return {
    recordId,
    version: 1,
    subject: { key: subjectKeyForUscc(uscc), type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: NAME, uscc, maskedIdNumber: '' },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'SCJGJ',
    decisionNumber: `湘市监罚〔2026〕${recordId.slice(0, 4)}号`,
    decisionDate: '2026-10-09',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_SERIOUS,
    disclosure: 'PUBLIC',
    publicityStart: '2026-10-09',
    publicityEnd: '2029-10-09',
    fieldsJson: JSON.stringify({ content: '生产销售不合格建筑材料，罚款五万元' }),
    jurisdiction: '430000',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: 'SCJGJ',
    objectionId: '',
    ...over,
  };
}

function blacklisting(r: RecordCollected): ListEntryChanged {
  return {
    entryId: randomUUID(),
    subject: r.subject,
    listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
    status: ListEntryStatus.LIST_ENTRY_STATUS_ACTIVE,
    sequence: 1,
    basisRecordIds: [r.recordId],
    ruleCode: 'R-SERIOUS-RECORD',
    identifyingDepartmentId: 'SCJGJ',
    periodStart: '2026-10-20',
    periodEnd: '2029-10-20',
    reason: '严重失信行为',
    actor: 'system',
    relatedToEntryId: '',
    relation: '',
    basisText: '《市场监督管理严重违法失信名单管理办法》',
    objectionWindowEnd: '2026-10-19',
    endReason: '',
    changedAt: new Date().toISOString(),
    causeId: '',
  };
}

/**
 * The text a PDF shows, read the way a viewer does: inflate the streams, map the glyph codes of every TJ
 * through the font's ToUnicode CMap.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a deflated stream (font programs are deflated too; images would not be) */
    }
  }
  const cmap = new Map<number, string>();
  for (const s of streams.filter((s) => s.includes('beginbfrange'))) {
    for (const m of s.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const first = parseInt(m[1], 16);
      [...m[3].matchAll(/<([0-9a-fA-F]*)>/g)].forEach((u, i) => cmap.set(first + i, Buffer.from(u[1], 'hex').swap16().toString('utf16le')));
    }
  }
  let text = '';
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      for (const hex of tj[1].matchAll(/<([0-9a-fA-F]+)>/g)) {
        for (let i = 0; i < hex[1].length; i += 4) text += cmap.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      text += '\n';
    }
  }
  return text;
}

describe('credit-check: grades, 双随机 sampling, credit reports', () => {
  let svc: ServiceUnderTest;
  let rpc: ReportGradeRpc;
  let grades: GradeService;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check_report', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check', protoFile: ProtoFiles.creditCheck });
    rpc = svc.app.get(ReportGradeRpc);
    grades = svc.app.get(GradeService);
  }, 60_000);
  afterAll(() => svc?.stop());

  const subject = (uscc: string) => ({ type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: NAME, uscc, idNumber: '' });
  const gradeOf = (uscc: string) => rpc.getSubjectGrade({ subject: subject(uscc), requesterDepartmentId: 'SCJGJ' });

  it('grades from the profile: serious record → C, blacklisted → D, under objection left out → B, unknown → B', async () => {
    const uscc = uniqueUscc();
    const r = record(uscc);
    const key = r.subject!.key;
    expect((await gradeOf(uscc)).grade).toBe('B');
    expect((await gradeOf(uscc)).found).toBe(false);

    await svc.publish(Events.RecordCollected, key, r);
    const c = await eventually('the serious record graded', async () => {
      const g = await gradeOf(uscc);
      return g.found ? g : undefined;
    });
    expect(c).toMatchObject({ grade: 'C', score: 40, modelVersion: 'GM-2026.1', samplingRatio: 0.3, allKeyItems: false, samplingPolicyVersion: 'SP-2026.1' });
    expect(c.factors.map((f) => f.zh).join(' ')).toContain('严重失信信息 1 条');

    await svc.publish(Events.ListEntryChanged, key, blacklisting(r));
    const d = await eventually('the listing graded', async () => {
      const g = await gradeOf(uscc);
      return g.grade === 'D' ? g : undefined;
    });
    expect(d.allKeyItems).toBe(true);

    // A second subject whose only record is under objection: the record is left out.
    const uscc2 = uniqueUscc();
    const r2 = record(uscc2);
    await svc.publish(Events.RecordCollected, r2.subject!.key, r2);
    await eventually('the record', async () => ((await gradeOf(uscc2)).grade === 'C' ? true : undefined));
    await svc.publish(Events.ObjectionMarked, r2.subject!.key, {
      objectionId: randomUUID(),
      subject: r2.subject,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: r2.recordId,
      targetVersion: 1,
      grounds: 'WRONG_CONTENT',
      providerDepartmentId: 'SCJGJ',
      verificationDue: '2026-12-13',
      filedAt: new Date().toISOString(),
      markedAt: new Date().toISOString(),
    });
    const b = await eventually('the objection graded', async () => {
      const g = await gradeOf(uscc2);
      return g.grade === 'B' ? g : undefined;
    });
    expect(b.factors.map((f) => f.zh).join(' ')).toContain('异议处理中');
    // the stored grade (what sampling reads) is the same
    const [stored] = await svc.db.query<{ grade: string }>(`SELECT grade FROM credit_check.subject_grade WHERE subject_key = $1`, [r2.subject!.key]);
    expect(stored.grade).toBe('B');
  });

  it('draws per grade at the policy ratio; the same seed and population give the same sample', async () => {
    const department = `DEPT-${randomUUID().slice(0, 8)}`;
    // 12 subjects with a serious record (C) and 30 with a licence only (B), all provided by this department
    const serious = Array.from({ length: 12 }, () => record(uniqueUscc(), { providerDepartmentId: department }));
    const licensed = Array.from({ length: 30 }, () =>
      record(uniqueUscc(), { providerDepartmentId: department, adverse: false, severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED, category: 'LICENSING', catalogueItemCode: 'ADMIN_LICENSE' }),
    );
    for (const r of [...serious, ...licensed]) await svc.publish(Events.RecordCollected, r.subject!.key, r);
    const first = await eventually('the population graded', async () => {
      const s = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: 'round-2026-11', subjectKeys: [] });
      return s.population === 42 ? s : undefined;
    });
    const stratum = (g: string) => first.strata.find((s) => s.grade === g)!;
    expect(stratum('C')).toMatchObject({ population: 12, ratio: 0.3, drawn: sampleSize(12, 0.3) });
    expect(stratum('B')).toMatchObject({ population: 30, ratio: 0.1, drawn: sampleSize(30, 0.1) });
    expect(first.subjects).toHaveLength(sampleSize(12, 0.3) + sampleSize(30, 0.1));
    const seriousKeys = new Set(serious.map((r) => r.subject!.key));
    expect(first.subjects.filter((s) => s.grade === 'C').every((s) => seriousKeys.has(s.subjectKey))).toBe(true);

    const again = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: 'round-2026-11', subjectKeys: [] });
    expect(again.subjects).toEqual(first.subjects);
    // the same population given explicitly, in another order: the same draw
    const explicit = [...serious, ...licensed].map((r) => r.subject!.key).reverse();
    const listed = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: 'round-2026-11', subjectKeys: explicit });
    expect(listed.subjects.map((s) => s.subjectKey)).toEqual(first.subjects.map((s) => s.subjectKey));
    // another seed draws differently (30 B subjects, 3 drawn: the chance of the same 3 is 1 in 4,060)
    const other = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: 'round-2026-12', subjectKeys: [] });
    expect(other.subjects.map((s) => s.subjectKey)).not.toEqual(first.subjects.map((s) => s.subjectKey));
    // no seed: one is chosen and returned, so the draw can be repeated
    const unseeded = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: '', subjectKeys: [] });
    const replay = await rpc.sampleForInspection({ requesterDepartmentId: department, seed: unseeded.seed, subjectKeys: [] });
    expect(replay.subjects).toEqual(unseeded.subjects);
  });

  it('issues a signed report whose PDF shows the Chinese text and which stops verifying when one byte changes', async () => {
    const uscc = uniqueUscc();
    const r = record(uscc);
    await svc.publish(Events.RecordCollected, r.subject!.key, r);
    await eventually('the record in the profile', async () => ((await gradeOf(uscc)).found ? true : undefined));

    const report = await rpc.issueCreditReport({ subject: subject(uscc), requesterDepartmentId: 'FZGGW', requesterClientId: 'fzggw', purpose: '招标投标资格审查' });
    expect(report.reportNumber).toMatch(/^XYBG-430000-\d{8}-\d{8}$/);
    const content = JSON.parse(report.json);
    expect(content.subject).toMatchObject({ name: NAME, uscc });
    expect(content.records.map((x: { decisionNumber: string }) => x.decisionNumber)).toEqual([r.decisionNumber]);
    expect(content.grade.grade).toBe('C');
    expect(content.validityMonths).toBe(12);
    expect(report.validUntil).toBe(addCalendarDays(addMonths(report.validFrom, 12), -1));

    // the PDF: Chinese text rendered with an embedded font
    const pdf = Buffer.from(report.pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    const text = pdfText(pdf);
    expect(text).toContain(NAME);
    expect(text).toContain('信 用 报 告');
    expect(text).toContain(r.decisionNumber);
    expect(text).toContain(report.reportNumber);

    // anyone can check the signature with the published key
    const { keys } = await rpc.getReportPublicKey();
    const key = keys.find((k) => k.keyId === report.keyId)!;
    expect(key).toMatchObject({ algorithm: 'Ed25519', active: true });
    const message = signedMessage(report.reportNumber, report.jsonSha256, report.pdfSha256);
    expect(verifySignature(null, message, createPublicKey(key.publicKeyPem), Buffer.from(report.signature, 'base64'))).toBe(true);

    const verify = (bytes: { pdf?: Buffer; json?: Buffer }, asOf = '') =>
      rpc.verifyCreditReport({ reportNumber: report.reportNumber, pdf: bytes.pdf ?? Buffer.alloc(0), json: bytes.json ?? Buffer.alloc(0), asOf });
    await expect(verify({ pdf })).resolves.toMatchObject({ valid: true, status: 'VALID', authentic: true });
    await expect(verify({ json: Buffer.from(report.json) })).resolves.toMatchObject({ valid: true, status: 'VALID' });
    // reformatted JSON is the same content
    await expect(verify({ json: Buffer.from(JSON.stringify(content, null, 2)) })).resolves.toMatchObject({ valid: true });

    // one byte changed in the PDF
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    await expect(verify({ pdf: tampered })).resolves.toMatchObject({ valid: false, status: 'ALTERED', authentic: false });
    // one byte changed in the JSON (a digit of the score)
    const json = Buffer.from(report.json);
    const scoreAt = json.indexOf('"score":40') + '"score":'.length;
    json[scoreAt] = '9'.charCodeAt(0);
    await expect(verify({ json })).resolves.toMatchObject({ valid: false, status: 'ALTERED' });
    // not a report of ours
    await expect(rpc.verifyCreditReport({ reportNumber: 'XYBG-430000-20260101-99999999', pdf, json: Buffer.alloc(0), asOf: '' })).resolves.toMatchObject({
      valid: false,
      status: 'NOT_FOUND',
    });

    // valid through its last day, expired the day after
    await expect(verify({ pdf }, report.validUntil)).resolves.toMatchObject({ valid: true, status: 'VALID' });
    const expired = await verify({ pdf }, addCalendarDays(report.validUntil, 1));
    expect(expired).toMatchObject({ valid: false, status: 'EXPIRED', authentic: true });
    expect(expired.reason?.zh).toContain('过期');

    // stored and retrievable by number, byte for byte
    const fetched = await rpc.getCreditReport({ reportNumber: report.reportNumber, requesterDepartmentId: 'FZGGW' });
    expect(Buffer.from(fetched.pdf).equals(pdf)).toBe(true);
    expect(fetched.json).toBe(report.json);
    // and kept: issued reports cannot be rewritten
    await expect(svc.db.query(`UPDATE credit_check.credit_report SET grade = 'A' WHERE report_number = $1`, [report.reportNumber])).rejects.toThrow(/append-only/);
  });

  it('keeps the stored grades fresh in the background after profile events', async () => {
    const uscc = uniqueUscc();
    const r = record(uscc, { severity: SeverityTier.SEVERITY_TIER_GENERAL });
    await svc.publish(Events.RecordCollected, r.subject!.key, r);
    const row = await eventually('the background refresh', async () => {
      const [g] = await svc.db.query<{ grade: string | null; score: number }>(`SELECT grade, score FROM credit_check.subject_grade WHERE subject_key = $1`, [r.subject!.key]);
      return g?.grade ? g : undefined;
    });
    expect(row).toEqual({ grade: 'B', score: 65 });
    await grades.refreshDue();
  });
});
