export * from './seed-sources';
export * from './measures';
