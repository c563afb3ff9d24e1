import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A quarterly publication of the red and black lists (seed 002 §四(三)), stored once per quarter for the provincial site. */
@Entity({ name: 'list_publication' })
@Index('uq_list_publication_quarter', ['jurisdiction', 'year', 'quarter'], { unique: true })
export class ListPublicationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  jurisdiction: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  quarter: number;

  @Column({ type: 'date' })
  periodStart: string;

  /** Exclusive. */
  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date' })
  publishedOn: string;

  @Column({ type: 'text' })
  requestedBy: string;

  @Column({ type: 'int' })
  redCount: number;

  @Column({ type: 'int' })
  blackCount: number;

  @Column({ type: 'text' })
  csv: string;

  @Column({ type: 'text' })
  json: string;

  @Column({ type: 'text' })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
