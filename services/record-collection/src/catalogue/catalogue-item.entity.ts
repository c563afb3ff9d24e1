import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A 信用信息目录 item version. The foundation carries what validation needs; the full catalogue
 * (categories, field schemas, publicity rules, disclosure) grows with the record-collection issue.
 */
@Entity({ name: 'catalogue_item' })
export class CatalogueItemEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  /** PENALTY, LICENSING, … */
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

  /** Department codes allowed to submit; `*` = any registered department. */
  @Column({ type: 'text', array: true })
  responsibleDepartments: string[];

  /** Only the current version of an item accepts records. */
  @Column({ type: 'boolean', default: true })
  current: boolean;
}
