import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { GRAPHQL_LIMITS, queryCostRule } from './query-cost.rule';

const schema = buildSchema(`type Item { a: Int b: Int c: [Item] } type Query { item: Item }`);
const errorsOf = (query: string) => validate(schema, parse(query), [...specifiedRules, queryCostRule]).map((e) => e.message);

describe('GraphQL query cost rule', () => {
  it('accepts an ordinary query', () => {
    expect(errorsOf('{ item { a b c { a } } }')).toEqual([]);
  });

  it('refuses more top-level fields than the limit, counting aliases', () => {
    const query = `{ ${Array.from({ length: GRAPHQL_LIMITS.rootFields + 1 }, (_, i) => `i${i}: item { a }`).join(' ')} }`;
    expect(errorsOf(query)).toEqual([`Too many top-level fields: ${GRAPHQL_LIMITS.rootFields + 1} (at most ${GRAPHQL_LIMITS.rootFields} per request)`]);
  });

  it('counts the fields of a fragment at every use', () => {
    const fields = Array.from({ length: 260 }, (_, i) => `f${i}: a`).join(' ');
    const query = `{ item { ...F c { ...F } } } fragment F on Item { ${fields} }`;
    const errors = errorsOf(query);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Query too expensive: \d+ fields \(at most 500\)/);
    expect(errorsOf(`{ item { ...F } } fragment F on Item { ${fields} }`)).toEqual([]); // one use is within the limit
  });
});
