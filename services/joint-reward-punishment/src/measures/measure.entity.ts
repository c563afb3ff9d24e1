import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An edition of the measures list (措施清单, seed 003 §二(四)4). Editions are never edited: a change is a new edition. */
@Entity({ name: 'measure_edition' })
export class MeasureEditionEntity {
  /** e.g. M-2026.1 */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** The documents the edition transcribes. */
  @Column({ type: 'text', array: true })
  basis: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One measure of an edition. */
@Entity({ name: 'measure' })
export class MeasureEntity {
  @PrimaryColumn({ type: 'text' })
  editionId: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  contentZh: string;

  @Column({ type: 'text' })
  contentEn: string;

  /** INCENTIVE, PUNISHMENT, REGULATORY */
  @Column({ type: 'text' })
  type: string;

  /** MANDATORY or RECOMMENDED */
  @Column({ type: 'text' })
  measureClass: string;

  @Column({ type: 'text' })
  classBasis: string;

  @Column({ type: 'text' })
  effect: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text', array: true })
  targetLists: string[];

  @Column({ type: 'text', array: true })
  targetGrades: string[];

  @Column({ type: 'boolean' })
  relatedPersons: boolean;

  /** Empty = any subject type. */
  @Column({ type: 'text', array: true })
  subjectTypes: string[];

  @Column({ type: 'text' })
  targetWording: string;

  /** Matter type codes, `*` for every matter. */
  @Column({ type: 'text', array: true })
  matterTypes: string[];

  @Column({ type: 'text' })
  implementingBodyZh: string;

  @Column({ type: 'text', array: true })
  legalBasis: string[];

  /** Seed citations. */
  @Column({ type: 'text', array: true })
  sources: string[];

  /** Verbatim seed wording per source: [{ source, zh, implementingBody? }]. */
  @Column({ type: 'jsonb' })
  quotes: unknown[];

  @Column({ type: 'int', nullable: true })
  defaultPeriodMonths: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

/** An edition published on credit.catalogue.v1 (MeasuresEditionPublished): one row per edition, written with the event. */
@Entity({ name: 'measure_edition_publication' })
export class MeasureEditionPublicationEntity {
  @PrimaryColumn({ type: 'text' })
  editionId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;
}
