import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { AppError, type ErrorDetail } from '@credit/runtime';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, text]) => ({
      code: `INVALID_${rule.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
      field,
      message: { zh: `字段 ${field} 无效（${rule}）`, en: text },
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** class-validator at the edge: shape, types and lengths; domain rules are checked by the owning service. */
export const apiValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => AppError.validation(flatten(errors)),
});
