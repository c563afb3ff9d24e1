import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subjectTypeName, type CheckPerformed } from '@credit/contracts';
import {
  addCalendarDays,
  caseFeedbackStatus,
  chinaDateOf,
  compareDates,
  DEFAULT_FEEDBACK_WORKING_DAYS,
  feedbackDue,
  getMatterType,
  isMatterTypeCode,
  isValidIsoDate,
  isWeekend,
  LIST_TYPE_LABELS,
  measureNoticeText,
  validateFeedback,
  type IsoDate,
  type ListTypeCode,
  type MeasureFeedback,
  type MeasureFeedbackInput,
  type NoticeInformation,
} from '@credit/domain';
import type { EventContext } from '@credit/messaging';
import { UnitOfWork } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { DataSource, In, type EntityManager } from 'typeorm';
import { JrpClock } from '../lists/clock';
import { JRP_OPTIONS, type JointRewardPunishmentOptions } from '../lists/daily-sweep.service';
import { ListEntryEntity, TrackedRecordEntity } from '../lists/list-entry.entity';
import { ListEntriesService } from '../lists/list-entries.service';
import { MeasureEditionEntity, MeasureEntity } from '../measures/measure.entity';
import { CaseMeasureEntity, CheckCaseEntity, MeasureNoticeEntity } from './check-case.entity';

export interface SubmitFeedbackCommand {
  checkId: string;
  departmentId: string;
  operator: string;
  conduct: string;
  measures: MeasureFeedbackInput[];
}

export interface CaseWithMeasures {
  checkCase: CheckCaseEntity;
  measures: CaseMeasureEntity[];
  notices: Map<string, string>;
  /** The feedback's conduct, or one derived from the evidence. */
  conduct: string;
}

export interface PendingCase {
  checkCase: CheckCaseEntity;
  workingDaysOverdue: number;
  missing: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (what: string): AppError => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${what} payload is invalid`);

/**
 * Cases (checks in which measures applied) and their feedback — "cases are fed back automatically"
 * (seed 002 §四(四)): intake from CheckPerformed, the checking department's feedback per measure, the written
 * notice of each measure applied (seed 000 Art. 6) and the cases left without feedback past the deadline.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly entries: ListEntriesService,
    private readonly clock: JrpClock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JRP_OPTIONS) private readonly options: JointRewardPunishmentOptions,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  /** N: working days a department has to feed back (configuration; recorded on every case). */
  get feedbackWorkingDays(): number {
    return this.options.feedbackWorkingDays ?? DEFAULT_FEEDBACK_WORKING_DAYS;
  }

  // ——— intake (CheckPerformed) ———

  async intake(event: CheckPerformed, ctx: EventContext): Promise<void> {
    const checkedAt = new Date(event.checkedAt);
    if (
      !event.checkId ||
      !event.subject?.key ||
      event.subject.key !== ctx.subjectKey ||
      !event.requesterDepartmentId ||
      !event.matterType ||
      Number.isNaN(checkedAt.getTime())
    ) {
      throw invalid('CheckPerformed');
    }
    const codes = [...new Set(event.measureCodes.map((c) => c.trim()).filter(Boolean))];
    if (codes.length === 0) return; // nothing triggered: no case to feed back
    const { manager } = ctx;
    const checkDay = chinaDateOf(checkedAt);
    const editionId = await this.editionOf(manager, event.policyVersion, checkDay);
    const known = editionId ? await manager.findBy(MeasureEntity, { editionId, code: In(codes) }) : [];
    const byCode = new Map(known.map((m) => [m.code, m]));
    const workingDays = this.feedbackWorkingDays;
    const subject = event.subject;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CheckCaseEntity)
      .values({
        checkId: event.checkId,
        subjectKey: subject.key,
        subjectType: subjectTypeName(subject.type) ?? 'LEGAL_PERSON',
        subjectName: subject.name,
        subjectUscc: subject.uscc || null,
        subjectMaskedIdNumber: subject.maskedIdNumber || null,
        matterType: event.matterType,
        matterReference: event.matterReference,
        departmentId: event.requesterDepartmentId,
        operator: event.operator,
        verdict: event.verdict,
        evidenceIds: event.evidenceIds,
        policyVersion: event.policyVersion,
        measuresEditionId: editionId ?? '',
        checkedAt,
        checkDay,
        feedbackDue: this.due(checkDay, workingDays),
        feedbackWorkingDays: workingDays,
        feedbackStatus: 'PENDING',
        conduct: null,
      })
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseMeasureEntity)
      .values(
        codes.map((code, i) => {
          const m = byCode.get(code);
          return {
            checkId: event.checkId,
            measureCode: code,
            position: i + 1,
            contentZh: m?.contentZh ?? `措施 ${code}`,
            measureType: m?.type ?? '',
            measureClass: m?.measureClass ?? '',
            legalBasis: m?.legalBasis ?? [],
          };
        }),
      )
      .orIgnore()
      .execute();
  }

  /** The measures edition a check used (named in its policy version), else the one in force on the check day. */
  private async editionOf(manager: EntityManager, policyVersion: string, checkDay: IsoDate): Promise<string | null> {
    const parts = policyVersion.split('+').map((p) => p.trim()).filter(Boolean);
    if (parts.length) {
      const named = await manager.findOneBy(MeasureEditionEntity, { id: In(parts) });
      if (named) return named.id;
    }
    const inForce = await manager
      .createQueryBuilder(MeasureEditionEntity, 'm')
      .where('m.effective_from <= :day', { day: checkDay })
      .orderBy('m.effective_from', 'DESC')
      .getOne();
    return inForce?.id ?? null;
  }

  private due(checkDay: IsoDate, workingDays: number): IsoDate {
    try {
      return feedbackDue(checkDay, workingDays, this.entries.calendar);
    } catch (error) {
      // A year the holiday calendar does not hold yet: count weekdays, and say so.
      this.deps.log.warn({ err: error, checkDay }, 'feedback deadline outside the holiday calendar: weekdays counted');
      let day = checkDay;
      for (let left = workingDays; left > 0; ) {
        day = addCalendarDays(day, 1);
        if (!isWeekend(day)) left -= 1;
      }
      return day;
    }
  }

  // ——— feedback ———

  async submit(command: SubmitFeedbackCommand): Promise<CaseWithMeasures> {
    const checkId = command.checkId?.trim() ?? '';
    const departmentId = command.departmentId?.trim() ?? '';
    if (!checkId) throw AppError.one('VALIDATION', 'CHECK_ID_REQUIRED', '核查编号不能为空', 'The check id is required.', 'checkId');
    if (!departmentId) throw AppError.one('VALIDATION', 'DEPARTMENT_REQUIRED', '反馈部门不能为空', 'The department is required.', 'departmentId');
    const conduct = command.conduct?.trim() ?? '';
    if (conduct.length > 2000) throw AppError.one('VALIDATION', 'TEXT_TOO_LONG', '失信行为描述不超过2000字', 'The conduct is at most 2000 characters.', 'conduct');
    const operator = command.operator?.trim() || departmentId;

    await this.uow.run(async (tx) => {
      const { manager } = tx;
      const checkCase = await manager
        .createQueryBuilder(CheckCaseEntity, 'c')
        .setLock('pessimistic_write')
        .where('c.check_id = :checkId', { checkId })
        .getOne();
      if (!checkCase) throw AppError.one('NOT_FOUND', 'CASE_NOT_FOUND', '没有触发奖惩措施的该次核查', 'No check with triggered measures has this id.', 'checkId');
      if (checkCase.departmentId !== departmentId) {
        throw AppError.one('FORBIDDEN', 'NOT_CHECKING_DEPARTMENT', '只有实施核查的部门可以反馈', 'Only the department that performed the check may feed back.', 'departmentId');
      }
      const measures = await manager.find(CaseMeasureEntity, { where: { checkId }, order: { position: 'ASC' } });
      const validated = validateFeedback(command.measures, measures.map((m) => m.measureCode), checkCase.checkDay);
      if (!validated.ok) throw AppError.validation(validated.errors.map((e) => ({ code: e.code, field: e.field, message: e.message })));

      // Same feedback again changes nothing; other feedback for a measure already fed back is a conflict.
      const byCode = new Map(measures.map((m) => [m.measureCode, m]));
      const fresh: MeasureFeedback[] = [];
      validated.feedback.forEach((fb, i) => {
        const stored = byCode.get(fb.measureCode)!;
        if (stored.decision === null) fresh.push(fb);
        else if (!sameFeedback(stored, fb)) {
          throw AppError.one('CONFLICT', 'FEEDBACK_ALREADY_SUBMITTED', `措施 ${fb.measureCode} 已反馈，内容不同`, `Measure ${fb.measureCode} was already fed back differently.`, `measures[${i}]`);
        }
      });
      if (conduct && checkCase.conduct === null) await manager.update(CheckCaseEntity, { checkId }, { conduct });
      if (fresh.length === 0) return;

      const now = new Date();
      const today = this.clock.today();
      const information = fresh.some((f) => f.decision === 'APPLIED') ? await this.information(manager, checkCase.evidenceIds) : [];
      for (const fb of fresh) {
        await manager.update(
          CaseMeasureEntity,
          { checkId, measureCode: fb.measureCode },
          {
            decision: fb.decision,
            reasonCode: fb.reasonCode,
            reason: fb.reason,
            startDate: fb.startDate,
            endDate: fb.endDate,
            content: fb.content,
            outcome: fb.outcome,
            fedBackBy: operator,
            fedBackAt: now,
          },
        );
        if (fb.decision === 'APPLIED') await this.issueNotice(manager, checkCase, byCode.get(fb.measureCode)!, fb, information, today);
      }
      const fedBack = measures.filter((m) => m.decision !== null).length + fresh.length;
      await manager.update(CheckCaseEntity, { checkId }, { feedbackStatus: caseFeedbackStatus(measures.length, fedBack) });
    });
    return this.get(checkId);
  }

  private async issueNotice(
    manager: EntityManager,
    checkCase: CheckCaseEntity,
    measure: CaseMeasureEntity,
    fb: MeasureFeedback,
    information: NoticeInformation[],
    today: IsoDate,
  ): Promise<void> {
    const noticeNumber = `XGTZ-${checkCase.checkDay.slice(0, 4)}-${checkCase.checkId.replace(/-/g, '').slice(0, 10).toUpperCase()}-${measure.measureCode}`;
    const textZh = measureNoticeText({
      noticeNumber,
      subjectName: checkCase.subjectName,
      subjectIdentifier: checkCase.subjectUscc ?? checkCase.subjectMaskedIdNumber ?? checkCase.subjectKey,
      departmentId: checkCase.departmentId,
      matterName: isMatterTypeCode(checkCase.matterType) ? getMatterType(checkCase.matterType).name.zh : checkCase.matterType,
      matterReference: checkCase.matterReference,
      checkDay: checkCase.checkDay,
      measureCode: measure.measureCode,
      measureContent: measure.contentZh,
      measureType: measure.measureType,
      legalBasis: measure.legalBasis,
      startDate: fb.startDate!,
      endDate: fb.endDate,
      content: fb.content,
      information,
      issuedOn: today,
    });
    await manager
      .createQueryBuilder()
      .insert()
      .into(MeasureNoticeEntity)
      .values({ noticeNumber, checkId: checkCase.checkId, measureCode: measure.measureCode, departmentId: checkCase.departmentId, issuedOn: today, textZh })
      .orIgnore()
      .execute();
  }

  /** The public credit information behind a check (its evidence) and who provided it. */
  private async information(manager: EntityManager, evidenceIds: readonly string[]): Promise<NoticeInformation[]> {
    if (evidenceIds.length === 0) return [];
    const records = await manager.findBy(TrackedRecordEntity, { recordId: In([...evidenceIds]) });
    const entryIds = evidenceIds.filter((id) => UUID.test(id));
    const entries = entryIds.length ? await manager.findBy(ListEntryEntity, { id: In(entryIds) }) : [];
    const recordById = new Map(records.map((r) => [r.recordId, r]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    return evidenceIds.map((id) => {
      const record = recordById.get(id);
      if (record) return { description: `${record.decisionNumber}（决定日期 ${record.decisionDate}）`, provider: record.providerDepartmentId };
      const entry = entryById.get(id);
      if (entry) {
        const since = entry.periodStart ? `，${entry.periodStart} 起` : '';
        return { description: `列入${LIST_TYPE_LABELS[entry.listType as ListTypeCode] ?? entry.listType}${since}（${entry.basisText}）`, provider: entry.identifyingDepartmentId };
      }
      return { description: `信用信息 ${id}`, provider: '公共信用信息平台' };
    });
  }

  // ——— reads ———

  async get(checkId: string): Promise<CaseWithMeasures> {
    const manager = this.dataSource.manager;
    const checkCase = checkId ? await manager.findOneBy(CheckCaseEntity, { checkId }) : null;
    if (!checkCase) throw AppError.one('NOT_FOUND', 'CASE_NOT_FOUND', '没有触发奖惩措施的该次核查', 'No check with triggered measures has this id.', 'checkId');
    const measures = await manager.find(CaseMeasureEntity, { where: { checkId }, order: { position: 'ASC' } });
    const notices = await manager.findBy(MeasureNoticeEntity, { checkId });
    const conduct = checkCase.conduct ?? (await this.information(manager, checkCase.evidenceIds)).map((i) => i.description).join('；');
    return { checkCase, measures, notices: new Map(notices.map((n) => [n.measureCode, n.noticeNumber])), conduct };
  }

  async notice(checkId: string, measureCode: string): Promise<MeasureNoticeEntity> {
    const notice = checkId && measureCode ? await this.dataSource.manager.findOneBy(MeasureNoticeEntity, { checkId, measureCode }) : null;
    if (!notice) throw AppError.one('NOT_FOUND', 'MEASURE_NOTICE_NOT_FOUND', '该措施没有告知书（未反馈已实施）', 'No notice: the measure was not fed back as applied.', 'measureCode');
    return notice;
  }

  /** Cases not fully fed back whose deadline has passed on `asOf`, oldest deadline first. */
  async pending(query: { departmentId?: string; asOf?: string; limit?: number }): Promise<{ asOf: IsoDate; cases: PendingCase[] }> {
    const asOf = query.asOf?.trim() || this.clock.today();
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'AS_OF_INVALID', '日期须为 YYYY-MM-DD', 'asOf must be a YYYY-MM-DD date.', 'asOf');
    const limit = query.limit || 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw AppError.one('VALIDATION', 'LIMIT_INVALID', '条数须在1至500之间', 'The limit must be between 1 and 500.', 'limit');
    const qb = this.dataSource
      .getRepository(CheckCaseEntity)
      .createQueryBuilder('c')
      .where("c.feedback_status <> 'COMPLETE' AND c.feedback_due < :asOf", { asOf });
    if (query.departmentId?.trim()) qb.andWhere('c.department_id = :d', { d: query.departmentId.trim() });
    const cases = await qb.orderBy('c.feedback_due').addOrderBy('c.check_id').limit(limit).getMany();
    const open = cases.length
      ? await this.dataSource.manager.find(CaseMeasureEntity, { where: { checkId: In(cases.map((c) => c.checkId)) }, order: { position: 'ASC' } })
      : [];
    return {
      asOf,
      cases: cases.map((c) => ({
        checkCase: c,
        workingDaysOverdue: this.overdueDays(c.feedbackDue, asOf),
        missing: open.filter((m) => m.checkId === c.checkId && m.decision === null).map((m) => m.measureCode),
      })),
    };
  }

  private overdueDays(due: IsoDate, asOf: IsoDate): number {
    if (compareDates(asOf, due) <= 0) return 0;
    try {
      return this.entries.calendar.countWorkingDays(due, asOf);
    } catch {
      return Math.round((Date.parse(asOf) - Date.parse(due)) / 86_400_000);
    }
  }
}

function sameFeedback(stored: CaseMeasureEntity, fb: MeasureFeedback): boolean {
  return (
    stored.decision === fb.decision &&
    stored.reasonCode === fb.reasonCode &&
    stored.reason === fb.reason &&
    stored.startDate === fb.startDate &&
    stored.endDate === fb.endDate &&
    stored.content === fb.content &&
    stored.outcome === fb.outcome
  );
}
