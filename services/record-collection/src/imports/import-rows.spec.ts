import { parseCsvHeader, parseCsvLine, parseNdjsonLine, splitCsvRecord } from './import-rows';

describe('import rows', () => {
  it('splits CSV records with quotes, doubled quotes, commas and line breaks inside quotes', () => {
    expect(splitCsvRecord('a,"b,c","d ""e""",,f\r')).toEqual(['a', 'b,c', 'd "e"', '', 'f']);
    expect(splitCsvRecord('"x\ny",z')).toEqual(['x\ny', 'z']);
    expect(splitCsvRecord('"open,z')).toBeNull();
  });

  it('checks the header row for the required columns', () => {
    expect(parseCsvHeader('\uFEFFsubjectType,subjectName,decisionNumber,decisionDate,content').header).toEqual([
      'subjectType',
      'subjectName',
      'decisionNumber',
      'decisionDate',
      'content',
    ]);
    expect(parseCsvHeader('subjectType,subjectName,decisionNumber,decisionNumber').errors.map((e) => [e.code, e.field])).toEqual([
      ['CSV_COLUMN_MISSING', 'header.decisionDate'],
      ['CSV_COLUMN_DUPLICATE', 'header.decisionNumber'],
    ]);
  });

  it('maps CSV columns to a record: Chinese labels, default item, fieldsJson merged with the other columns', () => {
    const header = ['subjectType', 'subjectName', 'uscc', 'decisionNumber', 'decisionDate', 'severity', 'fieldsJson', 'authority'];
    const parsed = parseCsvLine('法人,某公司,91430100X,罚1号,2026-10-01,严重,"{""content"":""罚款""}",某局', header, 'ADMIN_PENALTY');
    expect(parsed).toEqual({
      row: {
        catalogueItemCode: 'ADMIN_PENALTY',
        subject: { type: 'LEGAL_PERSON', name: '某公司', uscc: '91430100X', idNumber: undefined },
        decisionNumber: '罚1号',
        decisionDate: '2026-10-01',
        severity: 'SERIOUS',
        fields: { content: '罚款', authority: '某局' },
      },
    });
    expect(parseCsvLine('a,b', header, '')).toMatchObject({ errors: [{ code: 'CSV_COLUMN_COUNT', field: 'line' }] });
    expect(parseCsvLine('法人,某公司,x,1,2026-10-01,一般,[1],y', header, '')).toMatchObject({ errors: [{ code: 'FIELDS_INVALID', field: 'fieldsJson' }] });
  });

  it('parses NDJSON lines and reports lines that are not JSON objects', () => {
    expect(parseNdjsonLine('{"subject":{"type":"自然人","name":"张三","idNumber":"x"},"decisionNumber":7,"decisionDate":"2026-10-01","severity":"轻微"}', 'ITEM')).toEqual({
      row: {
        catalogueItemCode: 'ITEM',
        subject: { type: 'NATURAL_PERSON', name: '张三', uscc: undefined, idNumber: 'x' },
        decisionNumber: '7',
        decisionDate: '2026-10-01',
        severity: 'MINOR',
        fields: {},
      },
    });
    expect(parseNdjsonLine('{"a":', '')).toMatchObject({ errors: [{ code: 'ROW_NOT_JSON' }] });
    expect(parseNdjsonLine('[1]', '')).toMatchObject({ errors: [{ code: 'ROW_NOT_OBJECT' }] });
  });

  it('turns an escaped lone surrogate into U+FFFD (PostgreSQL refuses it) and keeps escaped pairs', () => {
    const parsed = parseNdjsonLine('{"subject":{"name":"某\\ud800公司\\ud83d\\ude00"},"fields":{"note":["\\udc00"]}}', 'ITEM');
    expect(parsed).toMatchObject({ row: { subject: { name: '某\uFFFD公司😀' }, fields: { note: ['\uFFFD'] } } });
  });
});
