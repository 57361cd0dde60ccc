// The local stand-in for Cognito: an ES256 key kept in the data dir signs ID tokens for
// seeded staff users, with the issuer and audience the template's JWT authorizer expects,
// and the HTTP API checks bearer tokens the way API Gateway's JWT authorizer does.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENTER, type Role } from '../contracts/roles.js';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

export interface StaffUser {
  username: string;
  role: Role;
  department: string;
}

const KEY_ID = 'onetrip-local-1';
const TOKEN_LIFETIME = '8h';

/** clerk, supervisor, admin and agent at the center; reviewer-D, chief-D and leader-D for each department D. */
export function seededUsers(departments: readonly string[]): Map<string, StaffUser> {
  const users: StaffUser[] = [
    { username: 'clerk', role: 'clerk', department: CENTER },
    { username: 'supervisor', role: 'supervisor', department: CENTER },
    { username: 'admin', role: 'admin', department: CENTER },
    { username: 'agent', role: 'agent', department: CENTER },
    ...departments.flatMap((department): StaffUser[] => [
      { username: `reviewer-${department}`, role: 'reviewer', department },
      { username: `chief-${department}`, role: 'chief', department },
      { username: `leader-${department}`, role: 'leader', department },
    ]),
  ];
  return new Map(users.map((user) => [user.username, user]));
}

/** A stable UUID-shaped `sub` per username, so a user keeps its id across restarts. */
function subjectOf(username: string): string {
  const hex = createHash('sha256').update(`onetrip-local/${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Claims as API Gateway hands them to the function: strings; arrays as `[a b c]`. */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
    ]),
  );
}

export interface JwtAuthorizerConfig {
  issuer: string;
  audience: string[];
}

export class LocalIssuer {
  private constructor(
    private readonly privateKey: CryptoKey | Uint8Array,
    private readonly publicKey: CryptoKey | Uint8Array,
    readonly publicJwk: JWK,
  ) {}

  /** Loads the key from `dataDir`, generating it on first use. */
  static async load(dataDir: string): Promise<LocalIssuer> {
    const file = join(dataDir, 'local-issuer-key.json');
    let jwk: JWK;
    if (existsSync(file)) {
      jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      jwk = await exportJWK(privateKey);
      writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
    }
    const { d: _private, ...publicJwk } = jwk;
    const publicJwkWithId: JWK = { ...publicJwk, kid: KEY_ID, alg: 'ES256', use: 'sig' };
    return new LocalIssuer(await importJWK(jwk, 'ES256'), await importJWK(publicJwkWithId, 'ES256'), publicJwkWithId);
  }

  /** An ID token shaped like Cognito's, for `user`. */
  sign(user: StaffUser, authorizer: JwtAuthorizerConfig): Promise<string> {
    return new SignJWT({
      'cognito:username': user.username,
      'cognito:groups': [user.role],
      'custom:department': user.department,
      token_use: 'id',
      auth_time: Math.floor(Date.now() / 1000),
    })
      .setProtectedHeader({ alg: 'ES256', kid: KEY_ID, typ: 'JWT' })
      .setSubject(subjectOf(user.username))
      .setIssuer(authorizer.issuer)
      .setAudience(authorizer.audience[0] ?? 'onetrip-local')
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.privateKey);
  }

  /**
   * Verifies a bearer token as API Gateway's JWT authorizer does: signature, `iss`,
   * `exp`/`nbf`, and `aud` or `client_id` among the audiences. Undefined when refused.
   */
  async verify(authorization: string | undefined, authorizer: JwtAuthorizerConfig): Promise<JWTPayload | undefined> {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: authorizer.issuer, algorithms: ['ES256'] });
      const audiences = [payload.aud ?? [], payload.client_id ?? []].flat().map(String);
      if (authorizer.audience.length > 0 && !audiences.some((audience) => authorizer.audience.includes(audience))) return undefined;
      return payload;
    } catch {
      return undefined;
    }
  }
}
