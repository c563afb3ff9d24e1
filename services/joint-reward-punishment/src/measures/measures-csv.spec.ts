import { MEASURE_CSV_HEADERS, csvCell, parseCsvRows, parseMeasuresCsv } from './measures-csv';

const row = (over: Partial<Record<(typeof MEASURE_CSV_HEADERS)[number], string>> = {}) =>
  MEASURE_CSV_HEADERS.map(
    (h) =>
      ({
        edition_id: 'M-2026.1',
        code: 'P-TEST',
        content_zh: '限制参与，"政府采购"，等',
        content_en: 'Restricted',
        type: 'PUNISHMENT',
        class: 'MANDATORY',
        effect: 'BAR',
        channel: 'ADMINISTRATIVE',
        target_lists: 'SERIOUS_DISHONESTY',
        target_grades: '',
        related_persons: 'true',
        subject_types: 'LEGAL_PERSON|ORGANIZATION',
        target_wording: '严重失信主体',
        matter_types: 'GOVERNMENT_PROCUREMENT|PUBLIC_BIDDING_FISCAL',
        implementing_body_zh: '县财政局',
        legal_basis: 'seed 003 §二(三)2|国发〔2016〕33号',
        sources: 'seed 003 §二(三)2',
        default_period_months: '',
        ...over,
      })[h],
  )
    .map((v) => csvCell(v))
    .join(',');

describe('measures CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks back as written', () => {
    expect(parseCsvRows(`a,"b,""c""\r\nd",e\r\n`)).toEqual([['a', 'b,"c"\r\nd', 'e']]);
  });

  it('parses a valid row into a measure', () => {
    const parsed = parseMeasuresCsv(`\ufeff${MEASURE_CSV_HEADERS.join(',')}\r\n${row()}\r\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.measures[0]).toMatchObject({
      code: 'P-TEST',
      contentZh: '限制参与，"政府采购"，等',
      measureClass: 'MANDATORY',
      relatedPersons: true,
      subjectTypes: ['LEGAL_PERSON', 'ORGANIZATION'],
      matterTypes: ['GOVERNMENT_PROCUREMENT', 'PUBLIC_BIDDING_FISCAL'],
      legalBasis: ['seed 003 §二(三)2', '国发〔2016〕33号'],
      defaultPeriodMonths: null,
    });
  });

  it('names row and column of every error', () => {
    const csv = [MEASURE_CSV_HEADERS.join(','), row(), row({ code: 'P-TEST', class: 'SOMETIMES', default_period_months: '-3' }), row({ code: 'X1', target_lists: 'GREY' }), row({ code: 'R-NONE', target_lists: '' })].join('\n');
    const parsed = parseMeasuresCsv(csv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.code, e.field])).toEqual([
      ['DUPLICATE_CODE', 'rows[3].code'],
      ['INVALID_NUMBER', 'rows[3].default_period_months'],
      ['UNKNOWN_VALUE', 'rows[3].class'],
      ['CODE_FORMAT', 'rows[4].code'],
      ['UNKNOWN_VALUE', 'rows[4].target_lists'],
      ['NO_TARGET', 'rows[5].target_lists'],
    ]);
    expect(parsed.errors[2].message.zh).toBe('第 3 行「措施类别」未知取值：SOMETIMES');
  });
});
