import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JOINT_MEASURES, type IsoDate } from '@credit/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { MeasuresEditionEntity } from './measures-edition.entity';
import { editionInForce, type MeasuresEdition } from './measures-edition';

/** The seeded edition (libs/domain): applies until any edition has arrived from joint-reward-punishment. */
export const SEEDED_MEASURES_EDITION: MeasuresEdition = { id: 'M-2026.1', effectiveFrom: '2026-01-01', measures: JOINT_MEASURES };

/** How long a replica trusts its cache before reading the editions again (an event reaches one replica only). */
const REFRESH_MS = 60_000;

/**
 * The editions of the measures list credit-check knows, cached in memory: refreshed when an edition arrives (on
 * this replica) and at most a minute old otherwise. A check uses the edition in force on its day.
 */
@Injectable()
export class MeasuresEditionsService implements OnModuleInit {
  private readonly logger = new Logger(MeasuresEditionsService.name);
  private editions: MeasuresEdition[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  /** The edition in force on `day`; the seeded one when no stored edition is. */
  async inForce(day: IsoDate): Promise<MeasuresEdition> {
    if (Date.now() - this.loadedAt > REFRESH_MS) await this.reload();
    return editionInForce(this.editions, day) ?? SEEDED_MEASURES_EDITION;
  }

  /** Every edition known, oldest first (the seeded one when none was received). */
  async all(): Promise<MeasuresEdition[]> {
    if (Date.now() - this.loadedAt > REFRESH_MS) await this.reload();
    return this.editions.length ? [...this.editions] : [SEEDED_MEASURES_EDITION];
  }

  /** Stores an edition (the first copy wins: editions never change); returns whether it was new. */
  async store(manager: EntityManager, edition: MeasuresEdition, basis: string[]): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MeasuresEditionEntity)
      .values({ id: edition.id, effectiveFrom: edition.effectiveFrom, basis, measures: [...edition.measures] })
      .orIgnore()
      .execute();
    const added = (result.raw as unknown[]).length > 0;
    if (added) this.remember(edition);
    return added;
  }

  /** Reads the stored editions again. */
  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await this.dataSource.getRepository(MeasuresEditionEntity).find({ order: { effectiveFrom: 'ASC' } });
        this.editions = rows.map((r) => ({ id: r.id, effectiveFrom: r.effectiveFrom, measures: r.measures }));
        this.loadedAt = Date.now();
      } catch (error) {
        this.logger.error(`measures editions not reloaded: ${(error as Error).message}`);
      } finally {
        this.loading = null;
      }
    })();
    await this.loading;
  }

  private remember(edition: MeasuresEdition): void {
    this.editions = [...this.editions.filter((e) => e.id !== edition.id), edition].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }
}
