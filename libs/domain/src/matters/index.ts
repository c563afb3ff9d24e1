export * from './matter-types';
