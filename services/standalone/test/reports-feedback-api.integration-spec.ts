/**
 * Through the gateway: feedback on the measures a check triggered (奖惩案例自动反馈) with its written notice;
 * signed credit reports (PDF) verified publicly; grades.
 */
import { chinaDateOf } from '@credit/domain';
import { ClientsService } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord, uniqueUscc } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

describe('feedback, reports and grades API (standalone, PostgreSQL)', () => {
  const pg = standaloneOnPostgres('reports_feedback_api');
  const api = () => request(pg.platform.baseUrl);
  let other = '';
  const uscc = uniqueUscc();
  const subject = { type: 'LEGAL_PERSON', name: '湖南报告测试有限公司', uscc };
  const record = penaltyRecord({ uscc, name: subject.name, severity: 'SERIOUS' });

  beforeAll(async () => {
    const c = await pg.platform.services.gateway.get(ClientsService).createClient({ departmentId: 'ZJJ', departmentName: 'ZJJ', name: 'other', scopes: ['checks:perform', 'checks:read'] });
    other = `Bearer ${await obtainToken(pg.platform.baseUrl, c.clientId, c.clientSecret)}`;
    await api().post('/api/v1/records').set('authorization', pg.auth).send(record).expect(201);
  });

  it('takes feedback from the checking department only, and issues the written notice of an applied measure', async () => {
    const check = await eventually('the record in checks', async () => {
      const { body } = await api().post('/api/v1/checks').set('authorization', pg.auth).send({ subject, matterType: 'ADMIN_LICENSING', matterReference: 'XK-2026-001' });
      return body.found && body.measures.length > 0 ? body : undefined;
    });
    const applying = check.measures.filter((m: { status: string }) => m.status === 'APPLIES').map((m: { code: string }) => m.code) as string[];
    expect(applying.length).toBeGreaterThan(0);
    const caseUrl = `/api/v1/checks/${check.checkId}/case`;
    const pending = await eventually('the case', async () => {
      const r = await api().get(caseUrl).set('authorization', pg.auth);
      return r.status === 200 ? r.body : undefined;
    });
    expect(pending.feedbackStatus).toBe('PENDING');
    expect(pending.measures.map((m: { code: string }) => m.code).sort()).toEqual([...applying].sort());

    const [first, ...rest] = applying;
    const feedback = {
      operator: '王经办',
      measures: [
        { measureCode: first, decision: 'APPLIED', startDate: chinaDateOf(new Date()), content: '列为重点审查对象', outcome: '加强审查后办结' },
        ...rest.map((code) => ({ measureCode: code, decision: 'NOT_APPLIED', reasonCode: 'OTHER', reason: '本事项不涉及' })),
      ],
    };
    const refused = await api().post(`/api/v1/checks/${check.checkId}/feedback`).set('authorization', other).send(feedback).expect(403);
    expect(refused.body.error.details[0].code).toBe('NOT_CHECKING_DEPARTMENT');
    await api().get(caseUrl).set('authorization', other).expect(403); // another department's case

    const { body: done } = await api().post(`/api/v1/checks/${check.checkId}/feedback`).set('authorization', pg.auth).send(feedback).expect(200);
    expect(done.feedbackStatus).toBe('COMPLETE');
    const notice = await api().get(`/api/v1/checks/${check.checkId}/notices/${first}`).set('authorization', pg.auth).expect(200);
    expect(notice.body.textZh).toContain(record.decisionNumber);
    // the same feedback again changes nothing
    await api().post(`/api/v1/checks/${check.checkId}/feedback`).set('authorization', pg.auth).send(feedback).expect(200);
  });

  it('issues a signed PDF report that anyone can verify, and that fails verification after one changed byte', async () => {
    await eventually('the record in the profile', async () => {
      const { body } = await api().post('/api/v1/grades').set('authorization', pg.auth).send({ subject });
      return body.found ? body : undefined;
    });
    const { body: report } = await api().post('/api/v1/reports').set('authorization', pg.auth).send({ subject, purpose: '招标投标' }).expect(201);
    expect(report.reportNumber).toMatch(/^XYBG-/);
    expect(JSON.parse(report.json)).toBeTruthy();

    const pdf = await api().get(`/api/v1/reports/${report.reportNumber}/pdf`).set('authorization', pg.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // public: no token
    const ok = await api().post('/api/v1/reports/verification').send({ reportNumber: report.reportNumber, pdfBase64: bytes.toString('base64') }).expect(200);
    expect(ok.body).toMatchObject({ valid: true, status: 'VALID', authentic: true });
    const altered = Buffer.from(bytes);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    const bad = await api().post('/api/v1/reports/verification').send({ reportNumber: report.reportNumber, pdfBase64: altered.toString('base64') }).expect(200);
    expect(bad.body).toMatchObject({ valid: false, status: 'ALTERED' });
    const byJson = await api().post('/api/v1/reports/verification').send({ reportNumber: report.reportNumber, json: report.json }).expect(200);
    expect(byJson.body.status).toBe('VALID');
    const keys = await api().get('/api/v1/reports/public-keys').expect(200);
    expect(keys.body.some((k: { keyId: string; active: boolean }) => k.keyId === report.keyId && k.active)).toBe(true);
  });

  it('grades a subject with a serious record C or worse, with its sampling ratio', async () => {
    const { body } = await api().post('/api/v1/grades').set('authorization', pg.auth).send({ subject }).expect(200);
    expect(['C', 'D']).toContain(body.grade);
    expect(body.samplingRatio).toBeGreaterThan(0.1);
    await api().post('/api/v1/grades').send({ subject }).expect(401);
  });
});
