// @credit/domain — pure domain logic: identifiers, working-day calendar, versioned policy parameters.
export * from './errors';

export * from './identifiers/normalize';
export * from './identifiers/region';
export * from './identifiers/uscc';
export * from './identifiers/id-number';
export * from './identifiers/subject';
export * from './identifiers/uuid-v7';

export * from './calendar/local-date';
export * from './calendar/working-day-calendar';

export * from './policy/policy-parameters';
export * from './policy/national-versions';
export * from './policy/policy-registry';
export * from './canonical-json';
export * from './matters';
export * from './measures';
export * from './repair';
export * from './verdict';
export * from './objections/objection-rules';
export * from './lists';
export * from './grade';
