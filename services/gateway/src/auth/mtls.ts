import { X509Certificate } from 'node:crypto';
import { AppError, EnvReader } from '@credit/runtime';

export const MTLS_CONFIG = Symbol('MTLS_CONFIG');

/**
 * Optional mTLS client identity. TLS ends at the ingress, which verifies the client certificate against the
 * departments' CA and passes it on in a request header it sets itself (overwriting whatever the client sent):
 * either the SHA-256 fingerprint (64 hex digits, colons allowed) or the URL-encoded PEM certificate
 * (ingress-nginx `auth-tls-pass-certificate-to-upstream` → `ssl-client-cert`), whose fingerprint the gateway
 * computes. Without the header configured nothing changes for unbound clients; a bound client is refused.
 */
export interface MtlsConfig {
  /** Lower-case header name, e.g. `x-client-cert-sha256` or `ssl-client-cert`; unset = mTLS identity off. */
  clientCertHeader?: string;
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

/** MTLS_CLIENT_CERT_HEADER (optional): the header the ingress sets after verifying the client certificate. */
export function readMtlsConfig(env: EnvReader): MtlsConfig {
  const header = env.optional('MTLS_CLIENT_CERT_HEADER');
  if (header === undefined) return {};
  return { clientCertHeader: env.matching('MTLS_CLIENT_CERT_HEADER', HEADER_NAME, header, 'an HTTP header name (letters, digits, -)').toLowerCase() };
}

/** readMtlsConfig over the process environment; a bad value stops the gateway at start. */
export function mtlsConfigFromEnvironment(): MtlsConfig {
  const env = new EnvReader();
  const config = readMtlsConfig(env);
  env.done();
  return config;
}

/** What the ingress said about the client certificate of one request. */
export interface PresentedCertificate {
  /** False when the gateway has no MTLS_CLIENT_CERT_HEADER: no certificate can be known. */
  configured: boolean;
  /** SHA-256 fingerprint (64 lowercase hex), or null when none (or an unreadable one) was passed on. */
  sha256: string | null;
}

export const NO_CERTIFICATE: PresentedCertificate = { configured: false, sha256: null };

/** A fingerprint in canonical form (64 lowercase hex), or null if `value` is not a SHA-256 fingerprint. */
export function normalizeFingerprint(value: string): string | null {
  const hex = value.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Reads the certificate the ingress passed on: a fingerprint, or a (URL-encoded) PEM certificate. */
export function presentedCertificate(config: MtlsConfig | undefined, headers: Record<string, string | string[] | undefined>): PresentedCertificate {
  if (!config?.clientCertHeader) return NO_CERTIFICATE;
  const raw = headers[config.clientCertHeader];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return { configured: true, sha256: null };
  const fingerprint = normalizeFingerprint(value);
  if (fingerprint) return { configured: true, sha256: fingerprint };
  try {
    const pem = value.includes('%') ? decodeURIComponent(value) : value;
    return { configured: true, sha256: normalizeFingerprint(new X509Certificate(pem).fingerprint256) };
  } catch {
    return { configured: true, sha256: null };
  }
}

/**
 * Refuses a bound client whose request did not come with its certificate. `bound` is the client's binding;
 * unbound clients pass whatever was presented (a certificate is identity only for bound clients).
 */
export function requireBoundCertificate(bound: string | null | undefined, presented: PresentedCertificate): void {
  if (!bound) return;
  if (!presented.configured) {
    throw AppError.one(
      'UNAUTHENTICATED',
      'CLIENT_CERTIFICATE_UNAVAILABLE',
      '该客户端须使用双向 TLS 证书，但网关未配置证书头（MTLS_CLIENT_CERT_HEADER）',
      'This client is bound to a TLS client certificate but the gateway has no MTLS_CLIENT_CERT_HEADER configured',
    );
  }
  if (!presented.sha256) {
    throw AppError.one('UNAUTHENTICATED', 'CLIENT_CERTIFICATE_REQUIRED', '该客户端须通过双向 TLS 出示其客户端证书', 'This client must present its TLS client certificate (mTLS)');
  }
  if (presented.sha256 !== bound) {
    throw AppError.one('UNAUTHENTICATED', 'CLIENT_CERTIFICATE_MISMATCH', '出示的客户端证书与该客户端绑定的证书不符', 'The TLS client certificate presented is not the one bound to this client');
  }
}

/** RFC 8705 confirmation claim value (`cnf.x5t#S256`): the base64url of the certificate's SHA-256. */
export const x5tS256 = (fingerprint: string): string => Buffer.from(fingerprint, 'hex').toString('base64url');
