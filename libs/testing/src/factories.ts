import { SeverityTier, SubjectType, type RecordCollected } from '@credit/contracts';
import { computeIdCheckChar, composeUscc } from '@credit/domain';

let counter = 0;
const USCC_LETTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, unique USCC (both check characters right) for an enterprise in the given region. */
export function uniqueUscc(region = '430100'): string {
  counter += 1;
  let n = Date.now() * 1000 + (process.pid % 1000) * 100000 + counter;
  let base = '';
  for (let i = 0; i < 8; i += 1) {
    base = USCC_LETTERS[n % 31] + base;
    n = Math.floor(n / 31);
  }
  return composeUscc(`91${region}`, base);
}

/** A valid, unique resident ID number (GB 11643) born in the given year. */
export function uniqueIdNumber(region = '430102', year = 1985): string {
  counter += 1;
  const day = 1 + ((Date.now() + counter) % 28);
  const seq = String((process.pid + counter * 7) % 1000).padStart(3, '0');
  const first17 = `${region}${year}01${String(day).padStart(2, '0')}${seq}`;
  return first17 + computeIdCheckChar(first17);
}

/** A penalty submission as a department sends it to POST /api/v1/records. */
export function penaltyRecord(overrides: { uscc?: string; decisionNumber?: string; name?: string; severity?: string } = {}) {
  counter += 1;
  return {
    catalogueItemCode: 'ADMIN_PENALTY',
    subject: { type: 'LEGAL_PERSON', name: overrides.name ?? '湖南测试建设有限公司', uscc: overrides.uscc ?? uniqueUscc() },
    decisionNumber: overrides.decisionNumber ?? `湘测罚〔2026〕${Date.now()}${counter}号`,
    decisionDate: '2026-11-02',
    severity: overrides.severity ?? 'GENERAL',
    fields: { authority: '长沙市市场监督管理局', basis: '《中华人民共和国产品质量法》第四十九条', content: '罚款人民币伍仟元' },
  };
}

/** Polls `probe` until it returns a value that is not undefined, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** An access token from the gateway's OAuth2 endpoint (client credentials). */
export async function obtainToken(baseUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A RecordCollected event (an adverse 一般 penalty of an enterprise) numbered `n`, for messaging tests. */
export function recordCollectedEvent(subjectKey: string, n: number, overrides: Partial<RecordCollected> = {}): RecordCollected {
  return {
    recordId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: 1,
    subject: { key: subjectKey, type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '测试', uscc: '', maskedIdNumber: '' },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'T',
    decisionNumber: `N-${n}`,
    decisionDate: '2026-11-02',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_GENERAL,
    disclosure: 'PUBLIC',
    publicityStart: '',
    publicityEnd: '',
    fieldsJson: '{}',
    jurisdiction: '430000',
    policyVersion: '',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: 'T',
    objectionId: '',
    ...overrides,
  };
}
