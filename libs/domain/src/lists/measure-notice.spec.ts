import { measureNoticeText } from './measure-notice';

describe('measureNoticeText', () => {
  it('names the measure, its basis and period, and the information used with its provider (seed 000 Art. 6)', () => {
    const text = measureNoticeText({
      noticeNumber: 'XGTZ-2026-1',
      subjectName: '安化某公司',
      subjectIdentifier: '91430923MA4L0000X1',
      departmentId: 'anhua-ggzy',
      matterName: '招标投标',
      matterReference: 'BJ-1',
      checkDay: '2026-09-30',
      measureCode: 'P-NO-PUBLIC-RESOURCE-TRADING',
      measureContent: '取消参与有关公共资源交易活动资格',
      measureType: 'PUNISHMENT',
      legalBasis: ['湖南省工信厅 2021 第七条'],
      startDate: '2026-10-08',
      endDate: null,
      content: null,
      information: [{ description: '安市监罚〔2026〕1号（决定日期 2026-09-01）', provider: 'anhua-samr' }],
      issuedOn: '2026-10-08',
    });
    expect(text).toContain('取消参与有关公共资源交易活动资格');
    expect(text).toContain('湖南省工信厅 2021 第七条');
    expect(text).toContain('自2026年10月8日起至本办件办结');
    expect(text).toContain('1. 安市监罚〔2026〕1号（决定日期 2026-09-01）（提供单位：anhua-samr）');
    expect(text).toContain('信用修复');
  });
});
