import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidIsoDate, SubjectType, type DomainError } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CollectionClock } from '../collection-clock';
import { err } from '../records/record-validation';
import { CatalogueItemEntity, CatalogueResponsibilityEntity } from './catalogue-item.entity';
import { FieldSchemas } from './field-schemas';

export interface CatalogueItemView {
  item: CatalogueItemEntity;
  responsibleDepartmentIds: string[];
}

/** A new version of a catalogue item; omitted parts keep the previous version's. */
export interface PublishVersionCommand {
  code: string;
  name?: string;
  category?: string;
  disclosure?: string;
  subjectTypes?: string[];
  requiredFields?: string[];
  optionalFields?: string[];
  fieldSchema?: unknown;
  effectiveFrom?: string;
}

const DISCLOSURES = ['PUBLIC', 'GOVERNMENT_SHARED', 'AUTHORISED_ONLY'];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The 信用信息目录: versioned items and the departments responsible for them. The version in force on a
 * day is the latest one whose effective date is on or before it; records keep the version they were
 * validated against.
 */
@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: CollectionClock,
    private readonly schemas: FieldSchemas,
  ) {}

  /** Items in force today with their responsible departments; with `departmentId`, only the items it may submit to. */
  async list(departmentId?: string): Promise<CatalogueItemView[]> {
    const views = [...(await this.currentItems()).values()].sort((a, b) => a.item.code.localeCompare(b.item.code));
    return departmentId ? views.filter((v) => mayDepartmentSubmit(v, departmentId)) : views;
  }

  /** The versions in force on `day` (default today) of these codes (every item without codes), keyed by code. */
  async currentItems(codes?: string[], day = this.clock.today(), manager: EntityManager = this.dataSource.manager): Promise<Map<string, CatalogueItemView>> {
    const unique = codes ? [...new Set(codes)] : undefined;
    if (unique?.length === 0) return new Map();
    const keys: { code: string; version: number }[] = await manager.query(
      `SELECT DISTINCT ON (code) code, version FROM record_collection.catalogue_item
        WHERE effective_from <= $1::date AND ($2::text[] IS NULL OR code = ANY($2::text[]))
        ORDER BY code, effective_from DESC, version DESC`,
      [day, unique ?? null],
    );
    if (keys.length === 0) return new Map();
    const items = await manager.getRepository(CatalogueItemEntity).find({ where: keys.map((k) => ({ code: k.code, version: k.version })) });
    const grants = await this.grantsFor(items.map((i) => i.code), manager);
    return new Map(items.map((item) => [item.code, { item, responsibleDepartmentIds: grants.get(item.code) ?? [] }]));
  }

  async setResponsibility(code: string, departmentId: string, responsible: boolean): Promise<CatalogueItemView> {
    const department = departmentId?.trim() ?? '';
    if (!department) {
      throw AppError.one('VALIDATION', 'DEPARTMENT_REQUIRED', '部门编码不能为空', 'The department id is required.', 'departmentId');
    }
    const view = (await this.currentItems([code?.trim() ?? ''])).get(code?.trim() ?? '');
    if (!view) throw unknownItem(code);
    const repository = this.dataSource.getRepository(CatalogueResponsibilityEntity);
    if (responsible) {
      await repository.createQueryBuilder().insert().values({ catalogueItemCode: view.item.code, departmentId: department }).orIgnore().execute();
    } else {
      await repository.delete({ catalogueItemCode: view.item.code, departmentId: department });
    }
    return (await this.currentItems([view.item.code])).get(view.item.code)!;
  }

  /**
   * The credit office publishes version n+1 of an item. It applies to submissions from `effectiveFrom`
   * (today or later); a later version already published for a later day is not allowed to be overtaken.
   */
  async publishVersion(command: PublishVersionCommand): Promise<CatalogueItemView> {
    const code = command.code?.trim() ?? '';
    const today = this.clock.today();
    const effectiveFrom = command.effectiveFrom?.trim() || today;
    const errors: DomainError[] = [];
    if (!isValidIsoDate(effectiveFrom)) {
      errors.push(err('EFFECTIVE_FROM_INVALID', 'effectiveFrom', '生效日期须为有效日期 (YYYY-MM-DD)', 'The effective date must be a valid date (YYYY-MM-DD).'));
    } else if (effectiveFrom < today) {
      errors.push(err('EFFECTIVE_FROM_IN_PAST', 'effectiveFrom', '生效日期不能早于今天', 'The effective date cannot be in the past.'));
    }
    if (command.disclosure && !DISCLOSURES.includes(command.disclosure)) {
      errors.push(err('DISCLOSURE_INVALID', 'disclosure', '公开范围须为 PUBLIC/GOVERNMENT_SHARED/AUTHORISED_ONLY', 'Disclosure must be PUBLIC, GOVERNMENT_SHARED or AUTHORISED_ONLY.'));
    }
    for (const type of command.subjectTypes ?? []) {
      if (!(type in SubjectType)) errors.push(err('SUBJECT_TYPE_INVALID', 'subjectTypes', `主体类型无效：${type}`, `Unknown subject type: ${type}.`));
    }
    for (const [list, names] of [['requiredFields', command.requiredFields], ['optionalFields', command.optionalFields]] as const) {
      for (const name of names ?? []) {
        if (!FIELD_NAME.test(name)) errors.push(err('FIELD_NAME_INVALID', list, `信息项名称无效：${name}`, `Invalid field name: ${name}.`));
      }
    }
    if (command.fieldSchema !== undefined) errors.push(...this.schemas.check(command.fieldSchema));
    if (errors.length > 0) throw AppError.validation(errors);

    return this.dataSource.transaction(async (manager) => {
      const versions = await manager.getRepository(CatalogueItemEntity).find({ where: { code }, order: { version: 'DESC' }, lock: { mode: 'pessimistic_write' } });
      const latest = versions[0];
      if (!latest) throw unknownItem(code);
      if (latest.effectiveFrom > effectiveFrom) {
        throw AppError.one(
          'CONFLICT',
          'EFFECTIVE_FROM_BEFORE_LATEST',
          `生效日期不能早于最新版本的生效日期 ${latest.effectiveFrom}`,
          `The effective date cannot be before the latest version's (${latest.effectiveFrom}).`,
          'effectiveFrom',
        );
      }
      const next = manager.create(CatalogueItemEntity, {
        code,
        version: latest.version + 1,
        name: command.name?.trim() || latest.name,
        category: command.category?.trim() || latest.category,
        adverse: latest.adverse,
        disclosure: command.disclosure || latest.disclosure,
        subjectTypes: command.subjectTypes?.length ? command.subjectTypes : latest.subjectTypes,
        requiredFields: command.requiredFields ?? latest.requiredFields,
        optionalFields: command.optionalFields ?? latest.optionalFields,
        fieldSchema: command.fieldSchema === undefined ? latest.fieldSchema : (command.fieldSchema as Record<string, unknown>),
        openSubmission: latest.openSubmission,
        effectiveFrom,
      });
      await manager.getRepository(CatalogueItemEntity).save(next);
      const grants = await this.grantsFor([code], manager);
      return { item: next, responsibleDepartmentIds: grants.get(code) ?? [] };
    });
  }

  private async grantsFor(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const grants = new Map<string, string[]>();
    if (codes.length === 0) return grants;
    const rows = await manager.getRepository(CatalogueResponsibilityEntity).find({ where: { catalogueItemCode: In(codes) }, order: { departmentId: 'ASC' } });
    for (const row of rows) grants.set(row.catalogueItemCode, [...(grants.get(row.catalogueItemCode) ?? []), row.departmentId]);
    return grants;
  }
}

function unknownItem(code: string): AppError {
  return AppError.one('NOT_FOUND', 'CATALOGUE_ITEM_UNKNOWN', `目录中没有此信息项：${code}`, `No catalogue item with code ${code}.`, 'catalogueItemCode');
}

/** Open (双公示) items take every department; the others only their responsible departments. */
export function mayDepartmentSubmit(view: CatalogueItemView, departmentId: string): boolean {
  return view.item.openSubmission || view.responsibleDepartmentIds.includes(departmentId);
}
