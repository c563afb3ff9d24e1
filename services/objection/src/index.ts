// Public surface for the composition root (standalone) and tools; other services must not import it.
export { OBJECTION, ObjectionModule } from './objection.module';
export { DEFAULT_OBJECTION_SETTINGS, type ObjectionModuleOptions, type ObjectionSettings } from './objection/objection.settings';
export { ObjectionFilingService } from './objection/objection-filing.service';
export { ObjectionDecisionService } from './objection/objection-decision.service';
export { DeadlineSweepService } from './objection/deadline-sweep.service';
