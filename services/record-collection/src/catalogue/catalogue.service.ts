import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, In } from 'typeorm';
import { CatalogueItemEntity, CatalogueResponsibilityEntity } from './catalogue-item.entity';

export interface CatalogueItemView {
  item: CatalogueItemEntity;
  responsibleDepartmentIds: string[];
}

/** The 信用信息目录: current items and the departments responsible for them. */
@Injectable()
export class CatalogueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Current items with their responsible departments; with `departmentId`, only the items it may submit to. */
  async list(departmentId?: string): Promise<CatalogueItemView[]> {
    const items = await this.dataSource.getRepository(CatalogueItemEntity).find({ where: { current: true }, order: { code: 'ASC' } });
    const grants = await this.grantsFor(items.map((i) => i.code));
    const views = items.map((item) => ({ item, responsibleDepartmentIds: grants.get(item.code) ?? [] }));
    return departmentId ? views.filter((v) => mayDepartmentSubmit(v, departmentId)) : views;
  }

  /** The current items with these codes, keyed by code (unknown codes are absent). */
  async currentItems(codes: string[]): Promise<Map<string, CatalogueItemView>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const items = await this.dataSource.getRepository(CatalogueItemEntity).find({ where: { code: In(unique), current: true } });
    const grants = await this.grantsFor(items.map((i) => i.code));
    return new Map(items.map((item) => [item.code, { item, responsibleDepartmentIds: grants.get(item.code) ?? [] }]));
  }

  async setResponsibility(code: string, departmentId: string, responsible: boolean): Promise<CatalogueItemView> {
    const department = departmentId?.trim() ?? '';
    if (!department) {
      throw AppError.one('VALIDATION', 'DEPARTMENT_REQUIRED', '部门编码不能为空', 'The department id is required.', 'departmentId');
    }
    const view = (await this.currentItems([code?.trim() ?? ''])).get(code?.trim() ?? '');
    if (!view) {
      throw AppError.one('NOT_FOUND', 'CATALOGUE_ITEM_UNKNOWN', `目录中没有此信息项：${code}`, `No catalogue item with code ${code}.`, 'catalogueItemCode');
    }
    const repository = this.dataSource.getRepository(CatalogueResponsibilityEntity);
    if (responsible) {
      await repository.createQueryBuilder().insert().values({ catalogueItemCode: view.item.code, departmentId: department }).orIgnore().execute();
    } else {
      await repository.delete({ catalogueItemCode: view.item.code, departmentId: department });
    }
    return (await this.currentItems([view.item.code])).get(view.item.code)!;
  }

  private async grantsFor(codes: string[]): Promise<Map<string, string[]>> {
    const grants = new Map<string, string[]>();
    if (codes.length === 0) return grants;
    const rows = await this.dataSource
      .getRepository(CatalogueResponsibilityEntity)
      .find({ where: { catalogueItemCode: In(codes) }, order: { departmentId: 'ASC' } });
    for (const row of rows) grants.set(row.catalogueItemCode, [...(grants.get(row.catalogueItemCode) ?? []), row.departmentId]);
    return grants;
  }
}

/** Open (双公示) items take every department; the others only their responsible departments. */
export function mayDepartmentSubmit(view: CatalogueItemView, departmentId: string): boolean {
  return view.item.openSubmission || view.responsibleDepartmentIds.includes(departmentId);
}
