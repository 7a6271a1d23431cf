/**
 * `GET session` (read, sliding the expiry), `POST session` (update through the callbacks),
 * `GET csrf` and `GET providers`.
 *
 * @module
 */
import type { BodyFields } from '../body.js'
import { assertCsrf, ensureCsrfToken } from '../csrf.js'
import type { AuthResponse, RequestContext } from '../internal.js'
import { json } from '../response.js'
import { readSession } from '../session/index.js'
import type { ClientSafeProvider } from '../types.js'

/**
 * The session as JSON. Signed out, the body is `{}`, as NextAuth.js v4 answers, which its
 * clients read as "no session".
 */
export async function getSessionRoute(ctx: RequestContext): Promise<AuthResponse> {
  const session = await readSession(ctx, { write: true })
  return json(ctx, session ?? {})
}

/** Updates the session: the `jwt`/`session` callbacks run with `trigger: 'update'`. */
export async function updateSessionRoute(
  ctx: RequestContext,
  fields: BodyFields,
): Promise<AuthResponse> {
  assertCsrf(ctx, fields.csrfToken)
  const session = await readSession(ctx, { write: true, update: { data: fields.data } })
  return json(ctx, session ?? {})
}

/** `{ csrfToken }`, setting the CSRF cookie when the request had no genuine one. */
export function csrfRoute(ctx: RequestContext): AuthResponse {
  return json(ctx, { csrfToken: ensureCsrfToken(ctx) })
}

/** Every provider with its sign-in and callback URLs. */
export function providersRoute(ctx: RequestContext): AuthResponse {
  const listed: Record<string, ClientSafeProvider> = {}
  for (const provider of ctx.config.providers) {
    listed[provider.id] = {
      id: provider.id,
      name: provider.name,
      type: provider.type,
      signinUrl: `${ctx.origin}${provider.signinPath}`,
      callbackUrl: `${ctx.origin}${provider.callbackPath}`,
    }
  }
  return json(ctx, listed)
}
