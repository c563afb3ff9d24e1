// Public surface for the composition root (standalone) and tools; other services must not import it.
export { RECORD_COLLECTION, RecordCollectionModule } from './record-collection.module';
export { PublicitySweepService } from './records/publicity-sweep.service';
export { ImportsService } from './imports/imports.service';
export { generateRecord, toNdjsonLine, type GeneratedRecord, type GeneratorOptions } from './imports/sample-data';
