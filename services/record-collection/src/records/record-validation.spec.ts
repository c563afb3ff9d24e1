import { computeIdCheckChar } from '@credit/domain';
import { attributesToPersons, maskedFields, personsNamedIn, validateShape } from './record-validation';

const id = (first17: string) => first17 + computeIdCheckChar(first17);

describe('record validation', () => {
  const rep = id('43010219750101123');
  const principal = id('43010319800202456');

  it('links the legal representative and responsible persons, keyed without their ID numbers', () => {
    const { persons, errors } = personsNamedIn({
      legalRepresentativeName: '张三',
      legalRepresentativeIdNumber: rep,
      responsiblePersons: [{ name: '李四', idNumber: principal, role: 'PRINCIPAL' }, { name: '王五', idNumber: principal.toLowerCase() }],
    });
    expect(errors).toEqual([]);
    expect(persons.map((p) => [p.role, p.subject.name, p.subject.maskedIdNumber])).toEqual([
      ['LEGAL_REPRESENTATIVE', '张三', `${rep.slice(0, 6)}********${rep.slice(14)}`],
      ['PRINCIPAL', '李四', `${principal.slice(0, 6)}********${principal.slice(14)}`],
      ['DIRECTLY_RESPONSIBLE', '王五', `${principal.slice(0, 6)}********${principal.slice(14)}`],
    ]);
    expect(persons[0].subject.key).not.toContain(rep);
  });

  it('names the field of every invalid person', () => {
    const wrong = rep.slice(0, 17) + (rep[17] === '0' ? '1' : '0');
    const { errors } = personsNamedIn({
      legalRepresentativeName: '',
      legalRepresentativeIdNumber: wrong,
      responsiblePersons: [{ name: '李四', idNumber: principal, role: 'BOSS' }, 'x'],
    });
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['PERSON_NAME_REQUIRED', 'fields.legalRepresentativeName'],
      ['PERSON_ROLE_INVALID', 'fields.responsiblePersons[0].role'],
      ['RESPONSIBLE_PERSONS_INVALID', 'fields.responsiblePersons[1]'],
    ]);
    expect(personsNamedIn({ legalRepresentativeName: '张三', legalRepresentativeIdNumber: wrong }).errors).toEqual([
      expect.objectContaining({ code: 'ID_CHECK_DIGIT', field: 'fields.legalRepresentativeIdNumber' }),
    ]);
  });

  it('masks every ID number in fields, at any depth', () => {
    const masked = maskedFields({ legalRepresentativeIdNumber: rep, content: rep, responsiblePersons: [{ name: '李四', idNumber: principal }] });
    expect(JSON.stringify(masked)).not.toContain(principal);
    expect(masked).toEqual({
      legalRepresentativeIdNumber: `${rep.slice(0, 6)}********${rep.slice(14)}`,
      content: rep, // not an ID field: left as the department wrote it
      responsiblePersons: [{ name: '李四', idNumber: `${principal.slice(0, 6)}********${principal.slice(14)}` }],
    });
  });

  it('attributes only SERIOUS records of organisations to persons', () => {
    expect(attributesToPersons('LEGAL_PERSON', 'SERIOUS')).toBe(true);
    expect(attributesToPersons('ORGANIZATION', 'SERIOUS')).toBe(true);
    expect(attributesToPersons('LEGAL_PERSON', 'GENERAL')).toBe(false);
    expect(attributesToPersons('NATURAL_PERSON', 'SERIOUS')).toBe(false);
  });

  it('reports every shape problem of a row at once', () => {
    const { row, errors } = validateShape({
      catalogueItemCode: '',
      subject: { type: 'LEGAL_PERSON', name: '', uscc: 'bad' },
      decisionNumber: ' ',
      decisionDate: '2026-02-30',
      severity: 'HUGE',
      fields: [],
    });
    expect(row).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['subject.name', 'subject.uscc', 'catalogueItemCode', 'decisionNumber', 'decisionDate', 'severity', 'fields']);
  });
});
