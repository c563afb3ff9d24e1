import { CatalogueItemEntity } from './catalogue/catalogue-item.entity';
import { CreditRecordEntity, CreditRecordVersionEntity } from './records/credit-record.entity';
import { SubjectEntity } from './records/subject.entity';

export const RECORD_COLLECTION_ENTITIES = [CatalogueItemEntity, SubjectEntity, CreditRecordEntity, CreditRecordVersionEntity];
