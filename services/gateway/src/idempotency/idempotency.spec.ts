import 'reflect-metadata';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql/dist/graphql.constants';
import { GRAPHQL_RESOLVERS } from '../api-surface';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { idempotencyKeyOf, requestHashOf } from './idempotency.store';

/** Methods of a resolver class marked `@Mutation`. */
function mutationsOf(resolver: new (...args: never[]) => unknown): string[] {
  const prototype = resolver.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).filter((name) => {
    const method = prototype[name];
    return typeof method === 'function' && Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) === 'Mutation';
  });
}

describe('idempotency', () => {
  // The GraphQL interceptor is bound per resolver, not globally: a resolver with mutations that lacked it would
  // run a retried mutation twice.
  it('binds the interceptor to every resolver that has a mutation', () => {
    const withMutations = GRAPHQL_RESOLVERS.filter((resolver) => mutationsOf(resolver).length > 0);
    expect(withMutations.length).toBeGreaterThan(5);
    const missing = withMutations.filter((resolver) => !((Reflect.getMetadata(INTERCEPTORS_METADATA, resolver) ?? []) as unknown[]).includes(IdempotencyInterceptor));
    expect(missing.map((resolver) => resolver.name)).toEqual([]);
  });

  it('takes a well-formed key, none, or refuses a malformed one naming the header', () => {
    expect(idempotencyKeyOf({ 'idempotency-key': 'order-2026:0001' })).toBe('order-2026:0001');
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(() => idempotencyKeyOf({ 'idempotency-key': 'short' })).toThrow(/IDEMPOTENCY_KEY_INVALID \(Idempotency-Key\)/);
    expect(() => idempotencyKeyOf({ 'idempotency-key': 'has space in it' })).toThrow(/IDEMPOTENCY_KEY_INVALID \(Idempotency-Key\)/);
  });

  it('hashes the operation and the body independently of key order', () => {
    expect(requestHashOf('POST /api/v1/checks', { a: 1, b: 2 })).toBe(requestHashOf('POST /api/v1/checks', { b: 2, a: 1 }));
    expect(requestHashOf('POST /api/v1/checks', { a: 1 })).not.toBe(requestHashOf('POST /api/v1/records', { a: 1 }));
    expect(requestHashOf('POST /api/v1/checks', { a: 1 })).not.toBe(requestHashOf('POST /api/v1/checks', { a: 2 }));
  });
});
