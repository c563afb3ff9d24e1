import {
  AutoRuleEntity,
  EntryObjectionEntity,
  ListEntryBasisEntity,
  ListEntryEntity,
  ListEntryTransitionEntity,
  ListNoticeEntity,
  TrackedRecordEntity,
} from './lists/list-entry.entity';
import { CaseMeasureEntity, CheckCaseEntity, MeasureNoticeEntity } from './feedback/check-case.entity';
import { SubjectRecordSummaryEntity } from './lists/subject-history.entity';
import { MeasureEditionEntity, MeasureEditionPublicationEntity, MeasureEntity } from './measures/measure.entity';
import { ListPublicationEntity } from './publication/list-publication.entity';

export const JOINT_REWARD_PUNISHMENT_ENTITIES = [
  MeasureEditionEntity,
  MeasureEntity,
  MeasureEditionPublicationEntity,
  ListEntryEntity,
  ListEntryBasisEntity,
  ListEntryTransitionEntity,
  ListNoticeEntity,
  EntryObjectionEntity,
  TrackedRecordEntity,
  AutoRuleEntity,
  SubjectRecordSummaryEntity,
  CheckCaseEntity,
  CaseMeasureEntity,
  MeasureNoticeEntity,
  ListPublicationEntity,
];
