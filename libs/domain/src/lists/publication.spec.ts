import { publicationCsv, publishedRow, quarterRange, type PublishableEntry } from './publication';

const entry: PublishableEntry = {
  entryId: 'e1',
  listType: 'SERIOUS_DISHONESTY',
  subjectType: 'NATURAL_PERSON',
  subjectName: '李法人',
  uscc: null,
  maskedIdNumber: '430923********1234',
  relation: 'LEGAL_REPRESENTATIVE',
  relatedOrganisationName: '安化某公司',
  identifyingDepartmentId: 'anhua-samr',
  basisText: '国办发〔2020〕49号, 第三条',
  periodStart: '2026-04-09',
  periodEnd: '2029-04-09',
  endedOn: null,
};

describe('quarterly publication', () => {
  it('computes the quarter as [start, end)', () => {
    expect(quarterRange(2026, 1)).toEqual({ start: '2026-01-01', end: '2026-04-01' });
    expect(quarterRange(2026, 4)).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(() => quarterRange(2026, 0)).toThrow(RangeError);
  });

  it('masks persons (name partially, ID number) and leaves organisations in full', () => {
    expect(publishedRow(entry)).toMatchObject({ name: '李**', identifier: '430923********1234', relation: '安化某公司法定代表人', listName: '严重失信主体名单' });
    expect(publishedRow({ ...entry, maskedIdNumber: '430923199001011234' }).identifier).toBe('******************');
    const org = publishedRow({ ...entry, subjectType: 'LEGAL_PERSON', subjectName: '安化某公司', uscc: '91430923MA4L0000X1', relation: null });
    expect(org).toMatchObject({ name: '安化某公司', identifier: '91430923MA4L0000X1', relation: '' });
  });

  it('writes CSV with a header and quotes cells with commas', () => {
    const csv = publicationCsv([publishedRow(entry)]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toHaveLength(12);
    expect(row).toContain('"国办发〔2020〕49号, 第三条"');
  });
});
