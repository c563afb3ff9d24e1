import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'ErrorDetail' })
class ErrorDetailDoc {
  @ApiProperty({ example: 'USCC_CHECK_DIGIT', description: '稳定错误码 / stable error code' })
  code: string;

  @ApiPropertyOptional({ example: 'subject.uscc', description: '出错字段路径 / field path' })
  field?: string;

  @ApiProperty({ example: { zh: '统一社会信用代码校验码错误', en: 'The check character of the unified social credit code is wrong.' } })
  message: { zh: string; en: string };
}

@ApiSchema({ name: 'Error' })
class ErrorDoc extends ErrorDetailDoc {
  @ApiProperty({ type: () => [ErrorDetailDoc], description: '发现的全部问题 / every problem found' })
  details: ErrorDetailDoc[];

  @ApiProperty({ example: 'req-1f' })
  requestId: string;
}

/** The error body of every REST endpoint (and, as `extensions`, of GraphQL errors). */
@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodyDoc {
  @ApiProperty({ type: () => ErrorDoc })
  error: ErrorDoc;
}
