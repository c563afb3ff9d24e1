import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ImportStatus } from './imports-api.service';

export class ImportUploadQueryDto {
  @ApiPropertyOptional({ description: '行未写明目录项时使用的目录项编码 / catalogue item for rows that name none', example: 'ADMIN_PENALTY' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  catalogueItemCode?: string;

  @ApiPropertyOptional({
    description: '批次键（幂等）：同一部门以同一批次键再次上传即续传该批次，已处理的行不再处理 / idempotency key: re-posting with it resumes the batch',
    example: 'scjgj-2026-11-penalties.ndjson',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  batchKey?: string;
}

export class ImportErrorsQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'ndjson'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'ndjson'])
  format?: 'csv' | 'ndjson';
}

/** An import batch's state and counters. */
export class ImportStatusView implements ImportStatus {
  @ApiProperty({ format: 'uuid' })
  importId: string;

  @ApiProperty({ enum: ['NDJSON', 'CSV'] })
  format: 'NDJSON' | 'CSV';

  @ApiProperty({ enum: ['RECEIVING', 'COMPLETED'] })
  status: string;

  @ApiProperty()
  defaultCatalogueItemCode: string;

  @ApiProperty()
  batchKey: string;

  @ApiProperty({ description: 'The next line the platform expects; every line before it is processed.' })
  nextLine: number;

  @ApiProperty({ description: 'Data rows received (header and blank lines not counted).' })
  received: number;

  @ApiProperty({ description: 'created + newVersions' })
  accepted: number;

  @ApiProperty()
  created: number;

  @ApiProperty()
  newVersions: number;

  @ApiProperty({ description: 'Rows identical to what is stored (re-submissions, duplicates within the file).' })
  unchanged: number;

  @ApiProperty({ description: 'Rows rejected; GET /api/v1/imports/{id}/errors lists their problems by line.' })
  rejected: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  completedAt?: string;
}
