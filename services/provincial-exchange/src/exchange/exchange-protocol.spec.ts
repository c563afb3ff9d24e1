import { createHmac } from 'node:crypto';
import { canonicalJson, dayChecksum, itemChecksum, sha256Hex, signatureHeaders, stringToSign } from './exchange-protocol';

describe('exchange protocol', () => {
  it('signs method, path, timestamp, nonce and the body hash with the app secret', () => {
    const headers = signatureHeaders({ appKey: 'county', appSecret: 's3cret' }, 'post', '/api/exchange/v1/items', '{"a":1}', new Date(1_700_000_000_000), 'n1');
    const expected = createHmac('sha256', 's3cret')
      .update(['POST', '/api/exchange/v1/items', '1700000000000', 'n1', sha256Hex('{"a":1}')].join('\n'))
      .digest('hex');
    expect(headers).toEqual({ appKey: 'county', timestamp: '1700000000000', nonce: 'n1', signature: expected });
    expect(stringToSign('get', '/x?since=1', '1', 'n', '')).toBe(`GET\n/x?since=1\n1\nn\n${sha256Hex('')}`);
  });

  it('a different secret or body gives a different signature', () => {
    const at = new Date(0);
    const base = signatureHeaders({ appKey: 'k', appSecret: 'a' }, 'POST', '/p', 'body', at, 'n').signature;
    expect(signatureHeaders({ appKey: 'k', appSecret: 'b' }, 'POST', '/p', 'body', at, 'n').signature).not.toBe(base);
    expect(signatureHeaders({ appKey: 'k', appSecret: 'a' }, 'POST', '/p', 'bodY', at, 'n').signature).not.toBe(base);
  });

  it('checksums do not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(itemChecksum({ CF_WSH: 'x', CF_CFLB: 'y' })).toBe(itemChecksum({ CF_CFLB: 'y', CF_WSH: 'x' }));
    expect(dayChecksum([{ itemId: 'a', checksum: '1' }, { itemId: 'b', checksum: '2' }])).toBe(dayChecksum([{ itemId: 'b', checksum: '2' }, { itemId: 'a', checksum: '1' }]));
    expect(dayChecksum([{ itemId: 'a', checksum: '1' }])).not.toBe(dayChecksum([{ itemId: 'a', checksum: '2' }]));
  });
});
