export * from './list-rules';
export * from './list-notice';
