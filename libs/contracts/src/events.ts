import type { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { CheckPerformed } from './generated/credit/v1/checks';
import { CommitmentFulfilmentRecorded, CommitmentMade } from './generated/credit/v1/commitments';
import { ListEntryChanged } from './generated/credit/v1/lists';
import { MeasuresEditionPublished } from './generated/credit/v1/measures';
import { ObjectionMarked, ObjectionResolved } from './generated/credit/v1/objections';
import { RecordCollected, RecordStatusChanged } from './generated/credit/v1/records';
import { RepairApproved, RepairRevoked } from './generated/credit/v1/repairs';
import { Topics, type Topic } from './topics';

/** A protobuf message codec as ts-proto generates it. */
export interface MessageCodec<T> {
  encode(message: T, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): T;
}

export interface EventDefinition<T> {
  /** CloudEvents `type` (ce_type header): reverse-DNS, versioned. */
  type: string;
  topic: Topic;
  /** The protobuf message type, as `protoc --decode` names it. */
  protoType: string;
  codec: MessageCodec<T>;
}

function define<T>(type: string, topic: Topic, protoType: string, codec: MessageCodec<T>): EventDefinition<T> {
  return { type, topic, protoType, codec };
}

/** One message type per event; the registry every producer and consumer goes through. */
export const Events = {
  RecordCollected: define('cn.credit.record.collected.v1', Topics.records, 'credit.v1.RecordCollected', RecordCollected),
  RecordStatusChanged: define('cn.credit.record.status-changed.v1', Topics.records, 'credit.v1.RecordStatusChanged', RecordStatusChanged),
  ListEntryChanged: define('cn.credit.list.entry-changed.v1', Topics.lists, 'credit.v1.ListEntryChanged', ListEntryChanged),
  ObjectionMarked: define('cn.credit.objection.marked.v1', Topics.objections, 'credit.v1.ObjectionMarked', ObjectionMarked),
  ObjectionResolved: define('cn.credit.objection.resolved.v1', Topics.objections, 'credit.v1.ObjectionResolved', ObjectionResolved),
  RepairApproved: define('cn.credit.repair.approved.v1', Topics.repairs, 'credit.v1.RepairApproved', RepairApproved),
  RepairRevoked: define('cn.credit.repair.revoked.v1', Topics.repairs, 'credit.v1.RepairRevoked', RepairRevoked),
  CheckPerformed: define('cn.credit.check.performed.v1', Topics.checks, 'credit.v1.CheckPerformed', CheckPerformed),
  CommitmentMade: define('cn.credit.commitment.made.v1', Topics.commitments, 'credit.v1.CommitmentMade', CommitmentMade),
  CommitmentFulfilmentRecorded: define(
    'cn.credit.commitment.fulfilment-recorded.v1',
    Topics.commitments,
    'credit.v1.CommitmentFulfilmentRecorded',
    CommitmentFulfilmentRecorded,
  ),
  MeasuresEditionPublished: define(
    'cn.credit.measures.edition-published.v1',
    Topics.catalogue,
    'credit.v1.MeasuresEditionPublished',
    MeasuresEditionPublished,
  ),
} as const;

export type EventName = keyof typeof Events;
export type EventPayload<N extends EventName> = (typeof Events)[N] extends EventDefinition<infer T> ? T : never;

const byType = new Map<string, EventDefinition<unknown>>(
  Object.values(Events).map((d) => [d.type, d as EventDefinition<unknown>]),
);

export function eventDefinitionByType(type: string): EventDefinition<unknown> | undefined {
  return byType.get(type);
}
