import { defaultCalendar } from '../calendar/working-day-calendar';
import { caseFeedbackStatus, feedbackDue, isFeedbackOverdue, validateFeedback } from './feedback';

const calendar = defaultCalendar();

describe('feedback deadline', () => {
  it('counts working days with the holiday calendar (National Day 2026 and the 调休 Saturday)', () => {
    // Wed 30 Sept + 5: 1–7 Oct off, 8 (1), 9 (2), Sat 10 worked (3), 12 (4), 13 (5).
    expect(feedbackDue('2026-09-30', 5, calendar)).toBe('2026-10-13');
    expect(isFeedbackOverdue('2026-10-13', '2026-10-13')).toBe(false);
    expect(isFeedbackOverdue('2026-10-13', '2026-10-14')).toBe(true);
  });

  it('derives the case status from the measures fed back', () => {
    expect([caseFeedbackStatus(2, 0), caseFeedbackStatus(2, 1), caseFeedbackStatus(2, 2)]).toEqual(['PENDING', 'PARTIAL', 'COMPLETE']);
  });
});

describe('validateFeedback', () => {
  const triggered = ['P-A', 'R-B'];
  const applied = { measureCode: 'P-A', decision: 'APPLIED', startDate: '2026-10-08', outcome: '已拒绝' };

  it('accepts APPLIED with start and outcome, and NOT_APPLIED with a reason code', () => {
    const result = validateFeedback([applied, { measureCode: 'R-B', decision: 'NOT_APPLIED', reasonCode: 'CREDIT_REPAIRED' }], triggered, '2026-09-30');
    expect(result).toEqual({
      ok: true,
      feedback: [
        { measureCode: 'P-A', decision: 'APPLIED', reasonCode: null, reason: null, startDate: '2026-10-08', endDate: null, content: null, outcome: '已拒绝' },
        { measureCode: 'R-B', decision: 'NOT_APPLIED', reasonCode: 'CREDIT_REPAIRED', reason: null, startDate: null, endDate: null, content: null, outcome: null },
      ],
    });
  });

  it.each([
    ['no item', [], 'FEEDBACK_EMPTY'],
    ['an untriggered measure', [{ ...applied, measureCode: 'P-X' }], 'MEASURE_NOT_TRIGGERED'],
    ['a measure twice', [applied, applied], 'MEASURE_DUPLICATED'],
    ['a start before the check', [{ ...applied, startDate: '2026-09-29' }], 'START_BEFORE_CHECK'],
    ['an end before the start', [{ ...applied, endDate: '2026-10-07' }], 'END_DATE_INVALID'],
    ['no outcome', [{ ...applied, outcome: ' ' }], 'OUTCOME_REQUIRED'],
    ['OTHER without text', [{ measureCode: 'R-B', decision: 'NOT_APPLIED', reasonCode: 'OTHER' }], 'REASON_REQUIRED'],
    ['an unknown decision', [{ measureCode: 'R-B', decision: 'MAYBE' }], 'DECISION_INVALID'],
  ])('refuses %s', (_label, items, code) => {
    const result = validateFeedback(items, triggered, '2026-09-30');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toContain(code);
  });
});
