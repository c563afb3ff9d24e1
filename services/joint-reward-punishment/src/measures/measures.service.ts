import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Events, type MeasureDefinition, type MeasuresEditionPublished } from '@credit/contracts';
import { isValidIsoDate, type DomainError, type IsoDate } from '@credit/domain';
import { UnitOfWork, type Transaction } from '@credit/messaging';
import { AppError } from '@credit/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { MeasureEditionEntity, MeasureEditionPublicationEntity, MeasureEntity } from './measure.entity';
import { MEASURE_CSV_HEADERS, csvCell, parseMeasuresCsv, type MeasureCsvHeader } from './measures-csv';

export interface MeasureQuery {
  editionId?: string;
  matterType?: string;
  targetList?: string;
}

export interface MeasureListView {
  edition: MeasureEditionEntity;
  measures: MeasureEntity[];
}

export interface ImportEditionCommand {
  editionId: string;
  effectiveFrom: string;
  basis: string[];
  csv: string;
  creditOffice: boolean;
  requestedBy: string;
}

const CSV_VALUES: Record<MeasureCsvHeader, (m: MeasureEntity) => string | string[] | number | boolean | null> = {
  edition_id: (m) => m.editionId,
  code: (m) => m.code,
  content_zh: (m) => m.contentZh,
  content_en: (m) => m.contentEn,
  type: (m) => m.type,
  class: (m) => m.measureClass,
  effect: (m) => m.effect,
  channel: (m) => m.channel,
  target_lists: (m) => m.targetLists,
  target_grades: (m) => m.targetGrades,
  related_persons: (m) => m.relatedPersons,
  subject_types: (m) => m.subjectTypes,
  target_wording: (m) => m.targetWording,
  matter_types: (m) => m.matterTypes,
  implementing_body_zh: (m) => m.implementingBodyZh,
  legal_basis: (m) => m.legalBasis,
  sources: (m) => m.sources,
  default_period_months: (m) => m.defaultPeriodMonths,
};

const EDITION_ID = /^M-\d{4}\.\d{1,4}$/;
/** Serialises imports (and the publication at start) across replicas. */
const EDITIONS_LOCK = 0x4a52504d; // 'JRPM'

/**
 * The measures list (措施清单): versioned editions, never edited (a change is a new edition, by CSV import). Every
 * edition is published once on credit.catalogue.v1 (MeasuresEditionPublished) so that checks use it from its day.
 */
@Injectable()
export class MeasuresService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MeasuresService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** Publishes the editions not published yet (the seeded one at the first start). Idempotent across replicas. */
  async onApplicationBootstrap(): Promise<void> {
    const published = await this.uow.run(async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [EDITIONS_LOCK]);
      const pending = await tx.manager
        .getRepository(MeasureEditionEntity)
        .createQueryBuilder('e')
        .leftJoin(MeasureEditionPublicationEntity, 'p', 'p.edition_id = e.id')
        .where('p.edition_id IS NULL')
        .orderBy('e.effective_from')
        .getMany();
      for (const { id } of pending) await this.publish(tx, id);
      return pending.map((p) => p.id);
    });
    if (published.length) this.logger.log(`measures editions published: ${published.join(', ')}`);
  }

  /** The edition in force on a day: the latest whose effective date is not after it. */
  async editionOn(day: IsoDate): Promise<MeasureEditionEntity> {
    const edition = await this.dataSource
      .getRepository(MeasureEditionEntity)
      .createQueryBuilder('m')
      .where('m.effective_from <= :day', { day })
      .orderBy('m.effective_from', 'DESC')
      .getOne();
    if (!edition) throw AppError.one('NOT_FOUND', 'MEASURE_EDITION_NOT_FOUND', `${day} 没有生效的措施清单`, `No measures list edition in force on ${day}.`);
    return edition;
  }

  async list(query: MeasureQuery, today: IsoDate): Promise<MeasureListView> {
    let edition: MeasureEditionEntity | null;
    if (query.editionId) {
      edition = await this.dataSource.getRepository(MeasureEditionEntity).findOneBy({ id: query.editionId });
      if (!edition) {
        throw AppError.one('NOT_FOUND', 'MEASURE_EDITION_NOT_FOUND', `没有措施清单版本 ${query.editionId}`, `No measures list edition ${query.editionId}.`, 'editionId');
      }
    } else edition = await this.editionOn(today);
    const qb = this.dataSource.getRepository(MeasureEntity).createQueryBuilder('m').where('m.edition_id = :id', { id: edition.id });
    if (query.matterType) qb.andWhere("(:matter = ANY(m.matter_types) OR '*' = ANY(m.matter_types))", { matter: query.matterType });
    if (query.targetList) qb.andWhere(':list = ANY(m.target_lists)', { list: query.targetList });
    return { edition, measures: await qb.orderBy('m.position').getMany() };
  }

  async exportCsv(query: MeasureQuery, today: IsoDate): Promise<{ editionId: string; csv: string }> {
    const { edition, measures } = await this.list(query, today);
    const lines = [MEASURE_CSV_HEADERS.join(','), ...measures.map((m) => MEASURE_CSV_HEADERS.map((h) => csvCell(CSV_VALUES[h](m))).join(','))];
    return { editionId: edition.id, csv: `${lines.join('\r\n')}\r\n` };
  }

  /**
   * A new edition from CSV (the export's format). All or nothing: any error in the request or in any row stores
   * nothing. Class basis, quotes and notes, which the CSV does not carry, are kept from the latest edition that
   * has the code.
   */
  async importEdition(command: ImportEditionCommand, today: IsoDate): Promise<MeasureListView> {
    if (!command.creditOffice) {
      throw AppError.one('FORBIDDEN', 'CREDIT_OFFICE_ONLY', '只有信用办可以维护措施清单', 'Only the credit office maintains the measures list.');
    }
    const errors: DomainError[] = [];
    const err = (code: string, field: string, zh: string, en: string) => errors.push({ code, field, message: { zh, en } });
    const editionId = command.editionId.trim();
    if (!EDITION_ID.test(editionId)) err('EDITION_ID_FORMAT', 'editionId', '版本号格式应为 M-年份.序号，如 M-2026.2', 'An edition id looks like M-2026.2.');
    if (!isValidIsoDate(command.effectiveFrom)) err('INVALID_DATE', 'effectiveFrom', '生效日期应为 YYYY-MM-DD', 'effectiveFrom is YYYY-MM-DD.');
    else if (command.effectiveFrom < today) err('EFFECTIVE_IN_PAST', 'effectiveFrom', `生效日期不得早于今天（${today}）：已作出的核查不受新版本影响`, `An edition cannot take effect before today (${today}).`);
    const basis = command.basis.map((b) => b.trim()).filter(Boolean);
    if (basis.length === 0) err('REQUIRED', 'basis', '须注明本版措施清单的依据文件', 'Name the documents the edition transcribes.');
    const parsed = parseMeasuresCsv(command.csv);
    if (!parsed.ok) errors.push(...parsed.errors);
    if (errors.length > 0 || !parsed.ok) throw AppError.validation(errors);

    await this.uow.run(async (tx) => {
      const { manager } = tx;
      await manager.query('SELECT pg_advisory_xact_lock($1)', [EDITIONS_LOCK]);
      if (await manager.existsBy(MeasureEditionEntity, { id: editionId })) {
        throw AppError.one('CONFLICT', 'EDITION_EXISTS', `措施清单版本 ${editionId} 已存在，已发布的版本不得修改`, `Edition ${editionId} exists; published editions never change.`, 'editionId');
      }
      const latest = await manager.getRepository(MeasureEditionEntity).createQueryBuilder('m').orderBy('m.effective_from', 'DESC').getOne();
      if (latest && latest.effectiveFrom >= command.effectiveFrom) {
        throw AppError.one(
          'VALIDATION',
          'EFFECTIVE_NOT_AFTER_LATEST',
          `生效日期须晚于最新版本 ${latest.id} 的生效日期 ${latest.effectiveFrom}`,
          `effectiveFrom must be after ${latest.effectiveFrom}, the date of the latest edition ${latest.id}.`,
          'effectiveFrom',
        );
      }
      const previous = await this.previousByCode(manager, parsed.measures.map((m) => m.code));
      await manager.insert(MeasureEditionEntity, { id: editionId, effectiveFrom: command.effectiveFrom, basis });
      await manager.save(
        MeasureEntity,
        parsed.measures.map((m, i): MeasureEntity => {
          const before = previous.get(m.code);
          return {
            ...m,
            editionId,
            position: i + 1,
            classBasis: before && before.measureClass === m.measureClass ? before.classBasis : `${editionId}（${command.requestedBy || '信用办'}导入）`,
            quotes: before?.quotes ?? [],
            notes: before?.notes ?? null,
          };
        }),
      );
      await this.publish(tx, editionId);
    });
    return this.list({ editionId }, today);
  }

  private async previousByCode(manager: EntityManager, codes: string[]): Promise<Map<string, MeasureEntity>> {
    const rows = await manager
      .getRepository(MeasureEntity)
      .createQueryBuilder('m')
      .innerJoin(MeasureEditionEntity, 'e', 'e.id = m.edition_id')
      .where('m.code IN (:...codes)', { codes })
      .orderBy('e.effective_from', 'ASC')
      .getMany();
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Marks the edition published and emits MeasuresEditionPublished in the caller's transaction. */
  private async publish(tx: Transaction, editionId: string): Promise<void> {
    const { manager } = tx;
    const edition = await manager.findOneByOrFail(MeasureEditionEntity, { id: editionId });
    const measures = await manager.find(MeasureEntity, { where: { editionId }, order: { position: 'ASC' } });
    await manager.insert(MeasureEditionPublicationEntity, { editionId });
    const payload: MeasuresEditionPublished = {
      editionId,
      effectiveFrom: edition.effectiveFrom,
      basis: edition.basis,
      measures: measures.map(toDefinition),
      publishedAt: new Date().toISOString(),
    };
    tx.emit({ definition: Events.MeasuresEditionPublished, subjectKey: `MEASURES:${editionId}`, id: `measures-edition:${editionId}`, payload });
  }
}

function toDefinition(m: MeasureEntity): MeasureDefinition {
  return {
    code: m.code,
    contentZh: m.contentZh,
    contentEn: m.contentEn,
    type: m.type,
    class: m.measureClass,
    classBasis: m.classBasis,
    effect: m.effect,
    channel: m.channel,
    targetLists: m.targetLists,
    targetGrades: m.targetGrades,
    relatedPersons: m.relatedPersons,
    subjectTypes: m.subjectTypes,
    targetWording: m.targetWording,
    matterTypes: m.matterTypes,
    implementingBodyZh: m.implementingBodyZh,
    legalBasis: m.legalBasis,
    sources: m.sources,
    defaultPeriodMonths: m.defaultPeriodMonths ?? 0,
    quotesJson: JSON.stringify(m.quotes ?? []),
  };
}
