import type { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { RecordCollected } from './generated/credit/v1/records';
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
} as const;

export type EventName = keyof typeof Events;
export type EventPayload<N extends EventName> = (typeof Events)[N] extends EventDefinition<infer T> ? T : never;

const byType = new Map<string, EventDefinition<unknown>>(
  Object.values(Events).map((d) => [d.type, d as EventDefinition<unknown>]),
);

export function eventDefinitionByType(type: string): EventDefinition<unknown> | undefined {
  return byType.get(type);
}
