export * from './data-source.options';
export * from './embedded-postgres';
export * from './migrate';
export * from './naming.strategy';
export * from './schema';
export * from './pg-errors';
export * from './bulk-insert';
