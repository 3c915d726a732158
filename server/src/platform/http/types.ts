import type { Principal } from '../access/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook when a valid session token came with the request. */
    principal?: Principal;
    /** How the request authenticated: a cookie needs the CSRF header on writes, a bearer token does not. */
    authVia?: 'cookie' | 'bearer';
    /** Audit target recorded by a handler (e.g. the id of a created record). */
    auditTarget?: { type?: string; id?: string };
  }
  interface FastifyContextConfig {
    /** Audit label of a state-changing route; `false` when the route audits itself (login). */
    audit?: { action: string; targetType?: string } | false;
  }
}
