import { Injectable } from '@nestjs/common';
import { isValidIsoDate, type DomainError } from '@credit/domain';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { err } from '../records/record-validation';
import type { CatalogueItemEntity } from './catalogue-item.entity';

const MAX_COMPILED = 1_000;

/** The ajv instance for catalogue field schemas: draft 2020-12, every error, strict schemas, `date` format. */
function newAjv(): Ajv2020 {
  // coerceTypes: CSV imports carry every field as text ("5000" for a fine amount is stored as 5000).
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: true });
  ajv.addFormat('date', { type: 'string', validate: (value: string) => isValidIsoDate(value) });
  return ajv;
}

/**
 * Field schemas of catalogue item versions, compiled once per (code, version): a version never changes
 * once published, so the compiled validator is kept for the life of the process.
 */
@Injectable()
export class FieldSchemas {
  private readonly ajv = newAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * Problems of `fields` against the item version's schema, as `fields.<path>` errors in zh and en. Types
   * are coerced in place (strings of digits to numbers, …), so what is stored is what was validated.
   */
  validate(item: CatalogueItemEntity, fields: Record<string, unknown>): DomainError[] {
    if (!item.fieldSchema) return [];
    const key = `${item.code}@${item.version}`;
    let validator = this.compiled.get(key);
    if (!validator) {
      validator = this.ajv.compile(item.fieldSchema);
      if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
      this.compiled.set(key, validator);
    }
    if (validator(fields)) return [];
    return (validator.errors ?? []).map(toDomainError);
  }

  /** Whether a schema to publish compiles (draft 2020-12, strict): the problems, or none. */
  check(schema: unknown): DomainError[] {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return [err('FIELD_SCHEMA_INVALID', 'fieldSchemaJson', '字段模式须为 JSON 对象', 'The field schema must be a JSON object.')];
    }
    if ((schema as Record<string, unknown>).type !== 'object') {
      return [err('FIELD_SCHEMA_INVALID', 'fieldSchemaJson', '字段模式的 type 须为 object', 'The field schema must have type "object".')];
    }
    try {
      newAjv().compile(schema);
      return [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [err('FIELD_SCHEMA_INVALID', 'fieldSchemaJson', `字段模式无效：${reason}`, `The field schema is invalid: ${reason}`)];
    }
  }
}

/** `/responsiblePersons/0/name` → `fields.responsiblePersons[0].name` (the platform's field paths). */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let path = 'fields';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return path;
}

const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: '空值' };

function toDomainError(e: ErrorObject): DomainError {
  const p = e.params as Record<string, unknown>;
  const at = fieldPath(e.instancePath);
  const name = at.slice('fields.'.length) || 'fields';
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      const path = fieldPath(e.instancePath, missing);
      return err('FIELD_REQUIRED', path, `缺少必填信息项：${path.slice('fields.'.length)}`, `Missing required field: ${path.slice('fields.'.length)}.`);
    }
    case 'type': {
      const types = String(p.type).split(',');
      return err('FIELD_TYPE', at, `信息项 ${name} 须为${types.map((t) => TYPE_ZH[t] ?? t).join('或')}`, `Field ${name} must be of type ${types.join(' or ')}.`);
    }
    case 'format':
      return p.format === 'date'
        ? err('FIELD_FORMAT', at, `信息项 ${name} 须为有效日期 (YYYY-MM-DD)`, `Field ${name} must be a valid date (YYYY-MM-DD).`)
        : err('FIELD_FORMAT', at, `信息项 ${name} 格式不符：${String(p.format)}`, `Field ${name} must match the format ${String(p.format)}.`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String).join('、');
      return err('FIELD_NOT_IN_LIST', at, `信息项 ${name} 须为下列值之一：${allowed}`, `Field ${name} must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}.`);
    }
    case 'maxLength':
      return err('FIELD_TOO_LONG', at, `信息项 ${name} 不得超过 ${String(p.limit)} 字`, `Field ${name} must be at most ${String(p.limit)} characters.`);
    case 'minLength':
      return err('FIELD_TOO_SHORT', at, `信息项 ${name} 不得少于 ${String(p.limit)} 字`, `Field ${name} must be at least ${String(p.limit)} characters.`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return err('FIELD_OUT_OF_RANGE', at, `信息项 ${name} 须 ${String(p.comparison)} ${String(p.limit)}`, `Field ${name} must be ${String(p.comparison)} ${String(p.limit)}.`);
    case 'pattern':
      return err('FIELD_PATTERN', at, `信息项 ${name} 格式不符`, `Field ${name} does not match the required pattern.`);
    case 'additionalProperties': {
      const path = fieldPath(e.instancePath, String(p.additionalProperty));
      return err('FIELD_UNKNOWN', path, `目录项未定义信息项：${path.slice('fields.'.length)}`, `The catalogue item defines no field ${path.slice('fields.'.length)}.`);
    }
    default:
      return err('FIELD_INVALID', at, `信息项 ${name} 不符合目录字段规范（${e.keyword}）`, `Field ${name} is invalid: ${e.message ?? e.keyword}.`);
  }
}
