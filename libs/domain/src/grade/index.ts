export * from './grade-model';
export * from './sampling-policy';
