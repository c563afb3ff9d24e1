import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ObjectionOutcomeNames, Topics, type ObjectionResolved } from '@credit/contracts';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';
import { eventDay, JrpClock } from '../lists/clock';
import { In } from 'typeorm';
import { CheckCaseEntity, MeasureNoticeEntity } from './check-case.entity';

/**
 * Restoring reputation (issue 6 §4): when an objection ends CORRECTED or REVOKED, the information was wrong, so
 * the written notices (书面告知) of measures applied after checks whose evidence included it are withdrawn, with
 * the objection and the day. Idempotent per event (inbox) and per notice (only ISSUED notices change).
 */
@Injectable()
export class NoticeWithdrawalConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly clock: JrpClock,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'joint-reward-punishment.notice-withdrawal',
      topics: [Topics.objections],
      handlers: { ObjectionResolved: async (e, ctx) => void (await this.onObjectionResolved(e, ctx)) },
    });
  }

  async onObjectionResolved(event: ObjectionResolved, ctx: EventContext): Promise<number> {
    const outcome = ObjectionOutcomeNames.name(event.outcome);
    if (!event.objectionId || !event.targetId || !outcome) {
      throw AppError.one('VALIDATION', 'INVALID_EVENT', 'ObjectionResolved 事件缺少必填字段', 'ObjectionResolved lacks a required field.');
    }
    if (outcome !== 'CORRECTED' && outcome !== 'REVOKED') return 0;
    const day = eventDay(event.resolvedAt, this.clock.today());
    const reason =
      outcome === 'CORRECTED'
        ? `所依据的信用信息经异议核查已更正（异议编号 ${event.objectionId}）：${event.reasons}`
        : `所依据的信用信息经异议核查已撤销（异议编号 ${event.objectionId}）：${event.reasons}`;
    const cases = await ctx.manager
      .getRepository(CheckCaseEntity)
      .createQueryBuilder('c')
      .select('c.checkId')
      .where(':target = ANY(c.evidence_ids)', { target: event.targetId })
      .getMany();
    if (cases.length === 0) return 0;
    const result = await ctx.manager.update(
      MeasureNoticeEntity,
      { checkId: In(cases.map((c) => c.checkId)), status: 'ISSUED' },
      { status: 'WITHDRAWN', withdrawnByObjectionId: event.objectionId, withdrawnOn: day, withdrawalReason: reason },
    );
    return result.affected ?? 0;
  }
}
