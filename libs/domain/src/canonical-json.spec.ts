import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('is independent of key order at every level, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: '罚款' } })).toBe(canonicalJson({ a: { c: '罚款', d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ b: 1, a: null })).toBe('{"a":null,"b":1}');
  });

  it('treats an absent property and an undefined one alike', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});
