import {
  AutoRuleEntity,
  EntryObjectionEntity,
  ListEntryBasisEntity,
  ListEntryEntity,
  ListEntryTransitionEntity,
  ListNoticeEntity,
  TrackedRecordEntity,
} from './lists/list-entry.entity';
import { MeasureEditionEntity, MeasureEntity } from './measures/measure.entity';

export const JOINT_REWARD_PUNISHMENT_ENTITIES = [
  MeasureEditionEntity,
  MeasureEntity,
  ListEntryEntity,
  ListEntryBasisEntity,
  ListEntryTransitionEntity,
  ListNoticeEntity,
  EntryObjectionEntity,
  TrackedRecordEntity,
  AutoRuleEntity,
];
