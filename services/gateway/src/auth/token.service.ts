import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ClientsService, type Caller } from './clients.service';
import { MTLS_CONFIG, NO_CERTIFICATE, presentedCertificate, requireBoundCertificate, x5tS256, type MtlsConfig } from './mtls';
import { SigningKeyEntity } from './signing-key.entity';

export const TOKEN_ISSUER = 'credit-platform';
export const TOKEN_AUDIENCE = 'credit-platform-api';
export const TOKEN_TTL_SECONDS = 900;
const CLOCK_LEEWAY_SECONDS = 30;
const KEY_REFRESH_MS = 10_000;

interface VerificationKey {
  kid: string;
  key: KeyObject;
  retiredAt: Date | null;
  jwk: Record<string, unknown>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unauthenticated = (code: string, en: string, zh: string) => AppError.one('UNAUTHENTICATED', code, zh, en);

/**
 * OAuth2 client credentials (RFC 6749 §4.4): short-lived ES256 JWT access tokens, signed by a rotating
 * key set published as JWKS. Verification is local (no database read per request): keys are cached and
 * refreshed when an unknown `kid` appears; revoked clients are refused through ClientsService's cache.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private keys = new Map<string, VerificationKey>();
  private signer: { kid: string; key: KeyObject } | null = null;
  private loadedAt = 0;
  /** Tokens whose signature and claims were already verified (until they expire): skips ECDSA per request. */
  private readonly verified = new Map<string, { clientId: string; departmentId: string; scopes: string[]; exp: number; cnf: string | null }>();
  /** Reloads for an unknown `kid` are limited to one a second, so random kids cannot hammer the database. */
  private lastMissReloadAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    @Optional() @Inject(MTLS_CONFIG) private readonly mtls: MtlsConfig = {},
  ) {}

  async onModuleInit(): Promise<void> {
    await this.loadKeys();
    if (!this.signer) await this.rotate();
  }

  /**
   * Adds a new signing key and retires the current one (it keeps verifying until its tokens expire). `within`
   * runs in the same transaction (the admin audit row).
   */
  async rotate(within?: (manager: EntityManager, kid: string) => Promise<void>): Promise<string> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SigningKeyEntity, { retiredAt: IsNull() }, { retiredAt: new Date() });
      await manager.insert(SigningKeyEntity, {
        kid,
        algorithm: 'ES256',
        privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
        createdAt: new Date(),
        retiredAt: null,
      });
      await within?.(manager, kid);
    });
    await this.loadKeys();
    return kid;
  }

  /**
   * Issues a token. `headers` are the token request's (the mTLS certificate the ingress passed on); without them
   * (the standalone demo, server side) a client bound to a certificate is refused.
   */
  async issue(
    clientId: string,
    clientSecret: string,
    requestedScope?: string,
    headers?: Record<string, string | string[] | undefined>,
  ): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
    const caller = await this.clients.verifySecret(clientId, clientSecret, headers ? presentedCertificate(this.mtls, headers) : NO_CERTIFICATE);
    const scopes = requestedScope ? requestedScope.split(' ').filter(Boolean) : caller.scopes;
    const refused = scopes.filter((s) => !caller.scopes.includes(s));
    if (refused.length > 0) throw AppError.one('FORBIDDEN', 'INVALID_SCOPE', `未授予的权限：${refused.join(' ')}`, `Scope not granted to this client: ${refused.join(' ')}`, 'scope');
    if (!this.signer || Date.now() - this.loadedAt > KEY_REFRESH_MS) await this.loadKeys();
    const signer = this.signer!;
    const now = Math.floor(Date.now() / 1000);
    const header = b64({ alg: 'ES256', typ: 'JWT', kid: signer.kid });
    const payload = b64({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: caller.clientId, dept: caller.departmentId, scope: scopes.join(' '), iat: now, exp: now + TOKEN_TTL_SECONDS, jti: randomUUID(),
      // RFC 8705 certificate-bound token: usable only with the certificate it was issued to.
      ...(caller.certificateSha256 ? { cnf: { 'x5t#S256': x5tS256(caller.certificateSha256) } } : {}) });
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: signer.key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return { access_token: `${header}.${payload}.${signature}`, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, scope: scopes.join(' ') };
  }

  /**
   * Verifies a bearer token; with the request's headers, also the mTLS binding (a bound client's calls must come
   * with its certificate, and a certificate-bound token only with the certificate it names).
   */
  async verify(authorization: string | undefined, headers: Record<string, string | string[] | undefined> = {}): Promise<Caller> {
    const known = await this.verifiedClaims(authorization);
    const status = await this.clients.status(known.clientId);
    if (!status.active) throw unauthenticated('CLIENT_REVOKED', 'The client has been revoked', '客户端已被吊销');
    const presented = presentedCertificate(this.mtls, headers);
    requireBoundCertificate(status.certificateSha256, presented);
    if (known.cnf) requireBoundCertificate(known.cnf, presented);
    // a fresh Caller per request
    return { clientId: known.clientId, departmentId: known.departmentId, scopes: [...known.scopes], ...(status.certificateSha256 ? { certificateSha256: status.certificateSha256 } : {}) };
  }

  private async verifiedClaims(authorization: string | undefined): Promise<{ clientId: string; departmentId: string; scopes: string[]; exp: number; cnf: string | null }> {
    const token = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('UNAUTHENTICATED', 'Missing or malformed bearer token', '缺少或格式错误的访问令牌');
    const known = this.verified.get(token);
    if (known && known.exp + CLOCK_LEEWAY_SECONDS >= Date.now() / 1000) return known;
    const [h, p, s] = token.split('.');
    let header: { alg?: string; kid?: string };
    let claims: { iss?: string; aud?: string; sub?: string; dept?: string; scope?: string; exp?: number; iat?: number; cnf?: { 'x5t#S256'?: unknown } };
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString());
      claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    } catch {
      throw unauthenticated('TOKEN_INVALID', 'Malformed token', '令牌格式错误');
    }
    if (header.alg !== 'ES256' || !header.kid) throw unauthenticated('TOKEN_INVALID', 'Unsupported token algorithm', '不支持的令牌算法');
    let key = this.keys.get(header.kid);
    if (!key && Date.now() - this.lastMissReloadAt > 1000) {
      this.lastMissReloadAt = Date.now();
      await this.loadKeys();
      key = this.keys.get(header.kid);
    }
    if (!key || !this.usable(key)) throw unauthenticated('TOKEN_INVALID', 'Token signed by an unknown or expired key', '令牌签名密钥无效');
    const valid = verify('sha256', Buffer.from(`${h}.${p}`), { key: key.key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
    if (!valid) throw unauthenticated('TOKEN_INVALID', 'Token signature is invalid', '令牌签名无效');
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== TOKEN_ISSUER || claims.aud !== TOKEN_AUDIENCE) throw unauthenticated('TOKEN_INVALID', 'Token issued for another audience', '令牌的签发方或受众不符');
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_LEEWAY_SECONDS < now) throw unauthenticated('TOKEN_EXPIRED', 'Token expired', '令牌已过期');
    if (!claims.sub || !claims.dept) throw unauthenticated('TOKEN_INVALID', 'Token lacks its subject', '令牌缺少主体');
    const bound = claims.cnf?.['x5t#S256'];
    if (claims.cnf !== undefined && typeof bound !== 'string') throw unauthenticated('TOKEN_INVALID', 'Malformed certificate confirmation', '令牌的证书绑定格式错误');
    const scopes = (claims.scope ?? '').split(' ').filter(Boolean);
    const verified = { clientId: claims.sub, departmentId: claims.dept, scopes, exp: claims.exp, cnf: typeof bound === 'string' ? Buffer.from(bound, 'base64url').toString('hex') : null };
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    if (Date.now() - this.loadedAt > KEY_REFRESH_MS) await this.loadKeys();
    return { keys: [...this.keys.values()].filter((k) => this.usable(k)).map((k) => k.jwk) };
  }

  /** A retired key verifies until every token it signed has expired. */
  private usable(key: VerificationKey): boolean {
    return !key.retiredAt || key.retiredAt.getTime() + (TOKEN_TTL_SECONDS + CLOCK_LEEWAY_SECONDS) * 1000 > Date.now();
  }

  private async loadKeys(): Promise<void> {
    const rows = await this.dataSource.getRepository(SigningKeyEntity).find({ order: { createdAt: 'ASC' } });
    const keys = new Map<string, VerificationKey>();
    let signer: TokenService['signer'] = null;
    for (const row of rows) {
      const privateKey = createPrivateKey(row.privateKeyPem);
      keys.set(row.kid, { kid: row.kid, key: createPublicKey(privateKey), retiredAt: row.retiredAt, jwk: row.publicJwk });
      if (!row.retiredAt) signer = { kid: row.kid, key: privateKey };
    }
    this.keys = keys;
    this.signer = signer;
    this.loadedAt = Date.now();
  }
}
