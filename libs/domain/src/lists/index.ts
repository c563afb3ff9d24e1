export * from './list-rules';
export * from './list-notice';
export * from './feedback';
export * from './measure-notice';
export * from './publication';
