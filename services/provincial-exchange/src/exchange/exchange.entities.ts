import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What is forwarded to the province, and as which of the province's resources (数据资源): one row per source
 * (`RECORD:<catalogue item>`, `RECORD_STATUS`, `LIST_ENTRY:<list type>`, `REPAIR_APPROVED`, …). Data, editable:
 * a source without an enabled row is not forwarded.
 */
@Entity({ name: 'resource_mapping' })
export class ResourceMappingEntity {
  @PrimaryColumn({ type: 'text' })
  source: string;

  /** The province's resource code, e.g. XZCF (行政处罚), XZXK (行政许可). */
  @Column({ type: 'text' })
  provinceResource: string;

  @Column({ type: 'text' })
  nameZh: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;
}

/**
 * Field mapping between our fields and the province's field codes, both directions. OUT: `source` is a
 * resource-mapping source and `ourField` a path into the event's view (`decisionNumber`, `subject.uscc`,
 * `fields.authority`, …). IN: `source` is an upstream list code and `ourField` a path of the record
 * submission (`subject.name`, `decisionNumber`, `fields.court`, …).
 */
@Entity({ name: 'field_mapping' })
export class FieldMappingEntity {
  /** OUT or IN. */
  @PrimaryColumn({ type: 'text' })
  direction: string;

  @PrimaryColumn({ type: 'text' })
  source: string;

  /** The province's field code, e.g. CF_WSH (行政处罚决定书文号). */
  @PrimaryColumn({ type: 'text' })
  provinceField: string;

  @Column({ type: 'text' })
  ourField: string;

  @Column({ type: 'text' })
  labelZh: string;
}

/**
 * The outbound queue: one item per forwarded event (idempotency key = the event id), sent in `seq` order per
 * subject. PENDING → SENT, or DEAD (dead letter) after the last attempt or a refusal; a re-send makes it
 * PENDING again.
 */
@Entity({ name: 'outbound_item' })
@Index('uq_outbound_item_item_id', ['itemId'], { unique: true })
@Index('ix_outbound_item_subject_open', ['subjectKey', 'seq'], { where: `status <> 'SENT'` })
@Index('ix_outbound_item_day', ['businessDate', 'provinceResource'])
@Index('ix_outbound_item_status', ['status', 'createdAt'])
export class OutboundItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  /** The event id: the province deduplicates on it. */
  @Column({ type: 'text' })
  itemId: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  provinceResource: string;

  @Column({ type: 'text' })
  subjectKey: string;

  /** YYYY-MM-DD (Asia/Shanghai) of the event. */
  @Column({ type: 'date' })
  businessDate: string;

  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text' })
  checksum: string;

  /** PENDING, SENT or DEAD. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  /** Claimed by a sender until then. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'int', nullable: true })
  lastHttpStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  ackId: string | null;

  @Column({ type: 'int', default: 0 })
  resends: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadAt: Date | null;
}

/** An upstream list pulled from the province, what it becomes here, and the pull cursor. */
@Entity({ name: 'inbound_list' })
export class InboundListEntity {
  @PrimaryColumn({ type: 'text' })
  listCode: string;

  @Column({ type: 'text' })
  nameZh: string;

  /** The catalogue item its items are submitted to. */
  @Column({ type: 'text' })
  catalogueItemCode: string;

  /** MINOR, GENERAL or SERIOUS for adverse items; null for positive ones. */
  @Column({ type: 'text', nullable: true })
  severity: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** The province's cursor after the last applied page. */
  @Column({ type: 'text', default: '0' })
  cursor: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastPulledAt: Date | null;
}

/** One upstream item and the record it became. */
@Entity({ name: 'inbound_item' })
export class InboundItemEntity {
  @PrimaryColumn({ type: 'text' })
  listCode: string;

  @PrimaryColumn({ type: 'text' })
  upstreamId: string;

  /** ACTIVE, ENDED or REJECTED (record-collection refused it; `lastError` says why). */
  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'text', nullable: true })
  recordId: string | null;

  @Column({ type: 'int', nullable: true })
  recordVersion: number | null;

  /** Checksum of the upstream data last applied. */
  @Column({ type: 'text' })
  checksum: string;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One reconciliation of a day with the province. */
@Entity({ name: 'reconciliation_run' })
@Index('uq_reconciliation_run_daily', ['date'], { unique: true, where: `trigger = 'DAILY'` })
export class ReconciliationRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'date' })
  date: string;

  /** DAILY (the timer) or ON_DEMAND. */
  @Column({ type: 'text' })
  trigger: string;

  /** RUNNING, DONE or FAILED. */
  @Column({ type: 'text' })
  status: string;

  /** Per resource: ours and theirs (count, checksum). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  resources: unknown[];

  @Column({ type: 'int', default: 0 })
  differences: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** A difference found by a reconciliation, and whether the item was re-sent. */
@Entity({ name: 'reconciliation_difference' })
@Index('ix_reconciliation_difference_run', ['runId'])
export class ReconciliationDifferenceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  runId: string;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  provinceResource: string;

  @Column({ type: 'text' })
  itemId: string;

  /** MISSING_AT_PROVINCE, CHECKSUM_MISMATCH or UNKNOWN_AT_PROVINCE. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  ourChecksum: string | null;

  @Column({ type: 'text', nullable: true })
  theirChecksum: string | null;

  @Column({ type: 'boolean', default: false })
  resent: boolean;
}

export const EXCHANGE_ENTITIES = [
  ResourceMappingEntity,
  FieldMappingEntity,
  OutboundItemEntity,
  InboundListEntity,
  InboundItemEntity,
  ReconciliationRunEntity,
  ReconciliationDifferenceEntity,
];
