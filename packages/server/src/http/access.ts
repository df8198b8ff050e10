/**
 * Every route under /api/v1 must say who may call it, in `config.access`. A route registered
 * without it makes buildApp throw, so a forgotten rule cannot ship (the authorisation matrix
 * test then checks that each rule is enforced).
 *
 * - `public`: anyone, no credentials needed.
 * - `user`: a signed-in portal user (session cookie), second factor passed when enrolled.
 * - `client`: an API client with a bearer token.
 * - `user-or-client`: either of the two.
 * Finer checks (rights on a structure or service, scopes) happen in the use cases, which answer
 * 404 for another structure's object and 403 for a missing right.
 */
export type Access = 'public' | 'user' | 'client' | 'user-or-client';

/** A route of the app as registered (the authorisation matrix and the OpenAPI finish read it). */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
  /** Whether the route has a rate limit of its own (429 documented). */
  rateLimited: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
