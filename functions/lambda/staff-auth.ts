/** The staff member behind a request, from the claims API Gateway's JWT authorizer verified. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffFromClaims, type Staff } from '../domain/staff.js';
import type { HttpEvent } from './http.js';

export function staffOf(event: HttpEvent): Staff {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext?.authorizer?.jwt?.claims;
  return staffFromClaims(claims as Record<string, unknown> | undefined);
}
