import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JointMeasure } from '@credit/domain';

/**
 * An edition of the measures list (措施清单) as joint-reward-punishment published it (MeasuresEditionPublished on
 * credit.catalogue.v1). Editions never change: the first copy received is kept.
 */
@Entity({ name: 'measures_edition' })
export class MeasuresEditionEntity {
  /** e.g. M-2026.1 */
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** First day in force (China date). */
  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text', array: true })
  basis: string[];

  /** The measures, in the verdict's own shape. */
  @Column({ type: 'jsonb' })
  measures: JointMeasure[];

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
