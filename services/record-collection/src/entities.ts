import { CatalogueItemEntity, CatalogueResponsibilityEntity } from './catalogue/catalogue-item.entity';
import { CommitmentEntity, CommitmentSerialEntity } from './commitments/commitment.entity';
import { ImportBatchEntity, ImportRowErrorEntity } from './imports/import-batch.entity';
import { CreditRecordEntity, CreditRecordVersionEntity } from './records/credit-record.entity';
import { DataQualityIssueEntity } from './records/data-quality-issue.entity';
import { SubjectEntity } from './records/subject.entity';
import { RecordTimelinessEntity, SubmissionTallyEntity } from './timeliness/record-timeliness.entity';

export const RECORD_COLLECTION_ENTITIES = [
  CatalogueItemEntity,
  CatalogueResponsibilityEntity,
  SubjectEntity,
  CreditRecordEntity,
  CreditRecordVersionEntity,
  DataQualityIssueEntity,
  ImportBatchEntity,
  ImportRowErrorEntity,
  CommitmentEntity,
  CommitmentSerialEntity,
  RecordTimelinessEntity,
  SubmissionTallyEntity,
];
