import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { AppError } from '@credit/runtime';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TokenService } from './token.service';

interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

/**
 * OAuth2 token endpoint (client credentials; form or JSON body; client authentication by HTTP Basic or
 * body parameters) and the JWKS that verifies the tokens. Errors follow RFC 6749 §5.2 (`error`,
 * `error_description`) and carry the platform's code and bilingual message beside them.
 */
@Controller()
export class OAuthController {
  constructor(private readonly tokens: TokenService) {}

  @Post('oauth/token')
  @HttpCode(200)
  @ApiTags('oauth')
  @ApiOperation({ summary: '获取访问令牌 / get an access token (OAuth2 client credentials)', description: 'Client authentication by HTTP Basic or client_id/client_secret in the body (form or JSON).' })
  @ApiBody({ schema: { type: 'object', required: ['grant_type'], properties: { grant_type: { type: 'string', enum: ['client_credentials'] }, client_id: { type: 'string' }, client_secret: { type: 'string' }, scope: { type: 'string', example: 'records:write checks:perform' } } } })
  @ApiResponse({ status: 200, description: 'access_token, token_type Bearer, expires_in 900, scope' })
  @ApiResponse({ status: 400, description: 'unsupported_grant_type or invalid_scope (RFC 6749 §5.2)' })
  @ApiResponse({ status: 401, description: 'invalid_client (also: a client bound to a TLS client certificate without it — code CLIENT_CERTIFICATE_REQUIRED / _MISMATCH)' })
  async token(@Body() body: TokenRequest | undefined, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('Cache-Control', 'no-store');
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const clientId = basicId ? decodeURIComponent(basicId) : body?.client_id;
    const clientSecret = basicSecret ? decodeURIComponent(basicSecret) : body?.client_secret;
    if (body?.grant_type !== 'client_credentials') {
      return this.refuse(reply, 400, 'unsupported_grant_type', AppError.one('VALIDATION', 'UNSUPPORTED_GRANT_TYPE', '仅支持 client_credentials 授权方式', 'Only grant_type=client_credentials is supported', 'grant_type'));
    }
    try {
      return await this.tokens.issue(clientId ?? '', clientSecret ?? '', body.scope, reply.request.headers);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return error.kind === 'FORBIDDEN' ? this.refuse(reply, 400, 'invalid_scope', error) : this.refuse(reply, 401, 'invalid_client', error);
    }
  }

  @Get('.well-known/jwks.json')
  @ApiTags('oauth')
  @ApiOperation({ summary: '令牌验证公钥 / JWKS: the keys that verify access tokens' })
  jwks() {
    return this.tokens.jwks();
  }

  private refuse(reply: FastifyReply, status: number, oauthError: string, error: AppError) {
    const first = error.errors[0];
    void reply.status(status);
    if (status === 401) void reply.header('WWW-Authenticate', 'Basic realm="credit-platform"');
    return { error: oauthError, error_description: first.message.en, code: first.code, message: first.message, requestId: String(reply.request.id) };
  }
}
