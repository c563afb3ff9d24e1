import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IsoDate } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { MeasureEditionEntity, MeasureEntity } from './measure.entity';

export interface MeasureQuery {
  editionId?: string;
  matterType?: string;
  targetList?: string;
}

export interface MeasureListView {
  edition: MeasureEditionEntity;
  measures: MeasureEntity[];
}

/** CSV columns, in order (multi-valued columns joined with `|`). */
const CSV_COLUMNS: { header: string; value: (m: MeasureEntity) => string | string[] | number | boolean | null }[] = [
  { header: 'edition_id', value: (m) => m.editionId },
  { header: 'code', value: (m) => m.code },
  { header: 'content_zh', value: (m) => m.contentZh },
  { header: 'content_en', value: (m) => m.contentEn },
  { header: 'type', value: (m) => m.type },
  { header: 'class', value: (m) => m.measureClass },
  { header: 'effect', value: (m) => m.effect },
  { header: 'channel', value: (m) => m.channel },
  { header: 'target_lists', value: (m) => m.targetLists },
  { header: 'target_grades', value: (m) => m.targetGrades },
  { header: 'related_persons', value: (m) => m.relatedPersons },
  { header: 'subject_types', value: (m) => m.subjectTypes },
  { header: 'target_wording', value: (m) => m.targetWording },
  { header: 'matter_types', value: (m) => m.matterTypes },
  { header: 'implementing_body_zh', value: (m) => m.implementingBodyZh },
  { header: 'legal_basis', value: (m) => m.legalBasis },
  { header: 'sources', value: (m) => m.sources },
  { header: 'default_period_months', value: (m) => m.defaultPeriodMonths },
];

function csvCell(value: string | string[] | number | boolean | null): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The measures list (措施清单): editions are read-only here; a new edition comes with a migration. */
@Injectable()
export class MeasuresService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const lines = [CSV_COLUMNS.map((c) => c.header).join(','), ...measures.map((m) => CSV_COLUMNS.map((c) => csvCell(c.value(m))).join(','))];
    return { editionId: edition.id, csv: `${lines.join('\r\n')}\r\n` };
  }
}
