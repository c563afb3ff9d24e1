import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ImportFormatValue = 'NDJSON' | 'CSV';
export type ImportStatusValue = 'RECEIVING' | 'COMPLETED';

/**
 * A bulk import (批量导入) of one department's NDJSON or CSV file. Rows are processed in line order as
 * they arrive; `processedThrough` is the last line whose outcome is committed, together with the records
 * and the counters, so an interrupted upload resumes at `processedThrough + 1` and yields exactly the
 * records of the file.
 */
@Entity({ name: 'import_batch' })
@Index('uq_import_batch_client_key', ['providerDepartmentId', 'clientBatchKey'], { unique: true, where: '"client_batch_key" IS NOT NULL' })
export class ImportBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  format: ImportFormatValue;

  @Column({ type: 'text', nullable: true })
  defaultCatalogueItemCode: string | null;

  @Column({ type: 'text', nullable: true })
  clientBatchKey: string | null;

  @Column({ type: 'text', default: 'RECEIVING' })
  status: ImportStatusValue;

  /** CSV: the column names of line 1. */
  @Column({ type: 'jsonb', nullable: true })
  header: string[] | null;

  /** Every line up to this one is processed (0: none). */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  processedThrough: number;

  @Column({ type: 'int', default: 0 })
  received: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  newVersions: number;

  @Column({ type: 'int', default: 0 })
  unchanged: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** One problem of a rejected row (a row may have several). */
@Entity({ name: 'import_row_error' })
export class ImportRowErrorEntity {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lineNumber: number;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  field: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  messageZh: string;

  @Column({ type: 'text' })
  messageEn: string;
}
