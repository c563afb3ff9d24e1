export * from './repair-eligibility';
