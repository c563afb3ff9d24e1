import { AppError, EnvReader } from '@credit/runtime';
import { normalizeFingerprint, presentedCertificate, readMtlsConfig, requireBoundCertificate, x5tS256 } from './mtls';

// A self-signed test certificate (no private key here); its SHA-256 as `openssl x509 -fingerprint -sha256` prints it.
const PEM = `-----BEGIN CERTIFICATE-----
MIIBljCCAT2gAwIBAgIUVWDysPTGkWiusO8u7eXCQ4VOjIEwCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWdGVzdC1kZXBhcnRtZW50LWNsaWVudDAeFw0yNjExMjMxNjE5
NDNaFw0zNjExMjAxNjE5NDNaMCExHzAdBgNVBAMMFnRlc3QtZGVwYXJ0bWVudC1j
bGllbnQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASThbR+6FMDppqIxY9TxcLX
5HHHjV3wD852PEE5brvfx+gFkSQyzw+GReY4zXz5Q8Z3RWyPajOBppPFpIO5Yrkq
o1MwUTAdBgNVHQ4EFgQUuyOPCHYBT7rGHMhvhOSMamZznq8wHwYDVR0jBBgwFoAU
uyOPCHYBT7rGHMhvhOSMamZznq8wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
AgNHADBEAiAe2/nt018S2TMiN82+41/4Knd3W+9Ce9+xsFB4W2pgxAIgHfmAKran
c/8682WFWi/qnBlMVHBUccbqOHrEnmL/1DI=
-----END CERTIFICATE-----`;
const OPENSSL_FINGERPRINT = '22:96:90:3A:C1:72:4E:2B:27:9F:7F:E1:BA:5C:68:89:F9:18:B8:A8:70:69:98:D8:8C:1B:E1:7C:D4:78:DA:FD';
const SHA256 = '2296903ac1724e2b279f7fe1ba5c6889f918b8a8706998d88c1be17cd478dafd';

const codeOf = (work: () => void): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.errors[0].code : 'not an AppError';
  }
};

describe('mTLS client identity', () => {
  const config = { clientCertHeader: 'x-client-cert' };

  it('reads a fingerprint in openssl form or plain hex, and the URL-encoded PEM that ingress-nginx passes on', () => {
    expect(normalizeFingerprint(OPENSSL_FINGERPRINT)).toBe(SHA256);
    expect(normalizeFingerprint('abc')).toBeNull();
    expect(normalizeFingerprint(`${SHA256}00`)).toBeNull();
    expect(presentedCertificate(config, { 'x-client-cert': OPENSSL_FINGERPRINT })).toEqual({ configured: true, sha256: SHA256 });
    expect(presentedCertificate(config, { 'x-client-cert': encodeURIComponent(PEM) })).toEqual({ configured: true, sha256: SHA256 });
    expect(presentedCertificate(config, { 'x-client-cert': PEM })).toEqual({ configured: true, sha256: SHA256 });
    expect(presentedCertificate(config, { 'x-client-cert': 'garbage' })).toEqual({ configured: true, sha256: null });
    expect(presentedCertificate(config, {})).toEqual({ configured: true, sha256: null });
    expect(presentedCertificate({}, { 'x-client-cert': SHA256 })).toEqual({ configured: false, sha256: null });
  });

  it('lets unbound clients through and refuses a bound one without its certificate, with a distinct code each way', () => {
    expect(codeOf(() => requireBoundCertificate(null, { configured: false, sha256: null }))).toBeUndefined();
    expect(codeOf(() => requireBoundCertificate(null, { configured: true, sha256: SHA256 }))).toBeUndefined();
    expect(codeOf(() => requireBoundCertificate(SHA256, { configured: true, sha256: SHA256 }))).toBeUndefined();
    expect(codeOf(() => requireBoundCertificate(SHA256, { configured: true, sha256: null }))).toBe('CLIENT_CERTIFICATE_REQUIRED');
    expect(codeOf(() => requireBoundCertificate(SHA256, { configured: true, sha256: 'f'.repeat(64) }))).toBe('CLIENT_CERTIFICATE_MISMATCH');
    expect(codeOf(() => requireBoundCertificate(SHA256, { configured: false, sha256: null }))).toBe('CLIENT_CERTIFICATE_UNAVAILABLE');
  });

  it('reads MTLS_CLIENT_CERT_HEADER (lower-cased) and rejects a value that is no header name', () => {
    expect(readMtlsConfig(new EnvReader({}))).toEqual({});
    expect(readMtlsConfig(new EnvReader({ MTLS_CLIENT_CERT_HEADER: 'X-Client-Cert-SHA256' }))).toEqual({ clientCertHeader: 'x-client-cert-sha256' });
    const bad = new EnvReader({ MTLS_CLIENT_CERT_HEADER: 'x client: cert' });
    readMtlsConfig(bad);
    expect(() => bad.done()).toThrow(/MTLS_CLIENT_CERT_HEADER/);
  });

  it('puts the RFC 8705 x5t#S256 (base64url of the digest) into certificate-bound tokens', () => {
    expect(x5tS256(SHA256)).toBe(Buffer.from(SHA256, 'hex').toString('base64url'));
    expect(Buffer.from(x5tS256(SHA256), 'base64url').toString('hex')).toBe(SHA256);
  });
});
