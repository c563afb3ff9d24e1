export * from './database';
export * from './factories';
export * from './kafka';
export * from './processes';
export * from './service-under-test';
