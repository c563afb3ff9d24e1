import { createHash } from 'node:crypto';
// Through the library's barrel, so the public exports are exercised too.
import {
  resolveSubject,
  subjectKeyForIdNumber,
  subjectKeyForUscc,
  SubjectType,
  type SubjectIdentifier,
} from '../index';

const TODAY = new Date('2025-06-01T04:00:00Z');

describe('resolveSubject', () => {
  it('resolves a legal person with normalised code and name', () => {
    expect(
      resolveSubject({ type: SubjectType.LEGAL_PERSON, name: ' 阿里巴巴（中国）有限公司 ', uscc: '９１３３０１００７９９６５５０５８ｂ' }),
    ).toEqual({
      ok: true,
      subject: {
        type: 'LEGAL_PERSON',
        key: 'ORG:91330100799655058B',
        name: '阿里巴巴(中国)有限公司',
        uscc: '91330100799655058B',
      },
    });
  });

  it('resolves a natural person to a hashed key and a masked number', () => {
    const result = resolveSubject(
      { type: SubjectType.NATURAL_PERSON, name: '张三', idNumber: '11010519491231002x' },
      { today: TODAY },
    );
    expect(result).toEqual({
      ok: true,
      subject: {
        type: 'NATURAL_PERSON',
        // sha256('credit-subject:11010519491231002X'), first 32 hex digits (checked with Python's hashlib).
        key: 'NP:eff6ea9020a31aae6c55448e5434d679',
        name: '张三',
        idNumber: '11010519491231002X',
        maskedIdNumber: '110105********002X',
      },
    });
  });

  it('reports every problem with its field', () => {
    const result = resolveSubject({ type: SubjectType.ORGANIZATION, name: '　', uscc: '91350100M000100Y44' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'SUBJECT_NAME_EMPTY'],
      ['uscc', 'USCC_CHECK_DIGIT'],
    ]);
  });

  it('requires the identifier of the subject type', () => {
    const org = resolveSubject({ type: SubjectType.LEGAL_PERSON, name: '某公司', idNumber: '11010519491231002X' });
    expect(!org.ok && org.errors.map((e) => e.code)).toEqual(['USCC_EMPTY']);
    const person = resolveSubject({ type: SubjectType.NATURAL_PERSON, name: '张三', uscc: '91330100799655058B' });
    expect(!person.ok && person.errors.map((e) => [e.field, e.code])).toEqual([['idNumber', 'ID_EMPTY']]);
  });

  it('passes the allow-list through to USCC validation', () => {
    const input: SubjectIdentifier = { type: SubjectType.LEGAL_PERSON, name: '试点单位', uscc: '91350100M000100Y44' };
    const result = resolveSubject(input, { allowList: new Set(['91350100M000100Y44']) });
    expect(result.ok && result.subject.key).toBe('ORG:91350100M000100Y44');
  });

  it('rejects an unknown type arriving from untyped input', () => {
    const input = JSON.parse('{"type":"ROBOT","name":"R2"}') as SubjectIdentifier;
    const result = resolveSubject(input);
    expect(!result.ok && result.errors.map((e) => [e.field, e.code])).toEqual([['type', 'SUBJECT_TYPE']]);
  });
});

describe('subject keys', () => {
  it('keys organisations by their normalised code', () => {
    expect(subjectKeyForUscc(' 91110108551385082q')).toBe('ORG:91110108551385082Q');
  });

  it('keys natural persons by a salted hash that does not contain the number', () => {
    const key = subjectKeyForIdNumber('11010519491231002X');
    const expected = createHash('sha256').update('credit-subject:11010519491231002X').digest('hex').slice(0, 32);
    expect(key).toBe(`NP:${expected}`);
    expect(key).not.toContain('110105');
    expect(subjectKeyForIdNumber(' 11010519491231002x ')).toBe(key);
  });
});
