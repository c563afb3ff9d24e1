import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A 信用信息目录 item version: what may be collected, from whom, and how it is shown. */
@Entity({ name: 'catalogue_item' })
export class CatalogueItemEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  /** PENALTY, LICENSING, INSPECTION, JUDGMENT_DEFAULTER, COMMITMENT_FULFILMENT, COMMENDATION, … */
  @Column({ type: 'text' })
  category: string;

  /** Adverse (失信) information gets a severity tier and a publicity window. */
  @Column({ type: 'boolean' })
  adverse: boolean;

  /** PUBLIC, GOVERNMENT_SHARED or AUTHORISED_ONLY. */
  @Column({ type: 'text' })
  disclosure: string;

  /** Subject types the item applies to. */
  @Column({ type: 'text', array: true })
  subjectTypes: string[];

  /** Field names a record must carry in `fields`. */
  @Column({ type: 'text', array: true })
  requiredFields: string[];

  /**
   * Every department holding the power publishes its own decisions (双公示: 行政处罚, 行政许可); otherwise
   * only the departments granted in `catalogue_responsibility` may submit.
   */
  @Column({ type: 'boolean', default: false })
  openSubmission: boolean;

  /** JSON Schema (draft 2020-12) of `fields` for this version, validated with ajv; null: no schema. */
  @Column({ type: 'jsonb', nullable: true })
  fieldSchema: Record<string, unknown> | null;

  /** Optional standard fields: a record carrying all of them is complete (双公示 completeness). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  optionalFields: string[];

  /**
   * The version applies to submissions from this day (Asia/Shanghai): the version in force for a
   * submission is the one with the latest `effectiveFrom` on or before the day of submission.
   */
  @Column({ type: 'date', default: () => "'1970-01-01'" })
  effectiveFrom: string;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;
}

/** A department responsible for a catalogue item (责任单位): it may submit records to it. */
@Entity({ name: 'catalogue_responsibility' })
export class CatalogueResponsibilityEntity {
  @PrimaryColumn({ type: 'text' })
  catalogueItemCode: string;

  @PrimaryColumn({ type: 'text' })
  departmentId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;
}
