import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics, type EventName, type EventPayload, type RecordCollected, type RecordStatusChanged } from '@credit/contracts';
import { chinaDateOf } from '@credit/domain';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';
import { itemChecksum } from './exchange-protocol';
import { EXCHANGE_SETTINGS, type ExchangeSettings } from './exchange.settings';
import { mapToProvince, OUTBOUND_VIEWS, type OutboundView } from './outbound-mapping';
import { OutboundSender } from './outbound-sender.service';

const invalid = (type: string, why: string) => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${type} payload is invalid: ${why}`);

/**
 * Turns the events the province must receive into outbound items (省级平台上报): the resource and field
 * mapping tables decide what is forwarded and how; the item is queued in the same transaction as the inbox
 * row, so each event becomes exactly one item (idempotency key = the event id), in per-subject order.
 */
@Injectable()
export class OutboundConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly sender: OutboundSender,
    @Inject(EXCHANGE_SETTINGS) private readonly settings: ExchangeSettings,
  ) {}

  onModuleInit(): void {
    const handler =
      <N extends EventName>(name: N) =>
      (payload: EventPayload<N>, ctx: EventContext) =>
        this.enqueue(name, payload, ctx);
    this.host.register({
      name: 'provincial-exchange.outbound',
      topics: [Topics.records, Topics.lists, Topics.repairs, Topics.checks, Topics.objections],
      handlers: {
        RecordCollected: handler('RecordCollected'),
        RecordStatusChanged: handler('RecordStatusChanged'),
        ListEntryChanged: handler('ListEntryChanged'),
        RepairApproved: handler('RepairApproved'),
        RepairRevoked: handler('RepairRevoked'),
        CheckPerformed: handler('CheckPerformed'),
        ObjectionMarked: handler('ObjectionMarked'),
        ObjectionResolved: handler('ObjectionResolved'),
      },
    });
  }

  /** True when the event came down from the province itself (inbound pulls): it is not sent back up. */
  private fromProvince(name: EventName, payload: unknown): boolean {
    const province = this.settings.provinceDepartmentId;
    if (name === 'RecordCollected') return (payload as RecordCollected).providerDepartmentId === province;
    if (name === 'RecordStatusChanged') return (payload as RecordStatusChanged).actorDepartmentId === province;
    return false;
  }

  async enqueue<N extends EventName>(name: N, payload: EventPayload<N>, ctx: EventContext): Promise<void> {
    const subject = (payload as { subject?: { key?: string } }).subject;
    if (!subject?.key || subject.key !== ctx.subjectKey) throw invalid(name, 'subject key missing or not the message key');
    if (this.fromProvince(name, payload)) return;
    const { source, operation, view } = (OUTBOUND_VIEWS[name] as unknown as (e: EventPayload<N>) => OutboundView)(payload);
    if (!source) return;
    const [resource] = await ctx.manager.query<{ province_resource: string }[]>(
      `SELECT province_resource FROM provincial_exchange.resource_mapping WHERE source = $1 AND enabled`,
      [source],
    );
    if (!resource) return;
    const fields = await ctx.manager.query<{ provinceField: string; ourField: string }[]>(
      `SELECT province_field AS "provinceField", our_field AS "ourField" FROM provincial_exchange.field_mapping
        WHERE direction = 'OUT' AND source = $1 ORDER BY province_field`,
      [source],
    );
    const data = mapToProvince(view, fields);
    const time = new Date(ctx.time);
    const businessDate = chinaDateOf(Number.isNaN(time.getTime()) ? new Date() : time);
    await ctx.manager.query(
      `INSERT INTO provincial_exchange.outbound_item
         (item_id, event_type, source, province_resource, subject_key, business_date, operation, data, checksum, status,
          attempts, next_attempt_at, resends, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8::jsonb, $9, 'PENDING', 0, now(), 0, now())
       ON CONFLICT (item_id) DO NOTHING`,
      [ctx.eventId, name, source, resource.province_resource, ctx.subjectKey, businessDate, operation, JSON.stringify(data), itemChecksum(data)],
    );
    this.sender.wake();
  }
}
