/**
 * The client-side types of `gatehouse/react`, shaped as those of `next-auth/react`.
 *
 * @module
 */
import type { ClientSafeProvider, Session } from '../core/types.js'

export type { ClientSafeProvider, Session }

/** The provider ids an app configured, keyed to their public description. */
export type ClientSafeProviders = Record<string, ClientSafeProvider>

/** Changes the session through `POST /session`; without data it only fetches it again. */
export type UpdateSession = (data?: unknown) => Promise<Session | null>

/**
 * What `useSession()` returns. With `required: true` the session is never `unauthenticated`:
 * the hook redirects instead and reports `loading` meanwhile.
 */
export type SessionContextValue<Required extends boolean = false> = Required extends true
  ? | { update: UpdateSession; data: Session; status: 'authenticated' }
    | { update: UpdateSession; data: null; status: 'loading' }
  : | { update: UpdateSession; data: Session; status: 'authenticated' }
    | { update: UpdateSession; data: null; status: 'unauthenticated' | 'loading' }

/** Options of `useSession()`. */
export interface UseSessionOptions<Required extends boolean> {
  /** Redirect to sign-in when there is no session. */
  required: Required
  /** Called instead of the default redirect when `required` and signed out. */
  onUnauthenticated?: () => void
}

/** Options of `signIn()`; other fields (e.g. `email`, `username`) are posted to the provider. */
export interface SignInOptions extends Record<string, unknown> {
  /** Where to go after signing in. Default: the current page. */
  callbackUrl?: string
  /** `false` answers with a {@link SignInResponse} instead of navigating (credentials, email). */
  redirect?: boolean
}

/** Extra parameters for the provider's authorization request, e.g. `{ prompt: 'login' }`. */
export type SignInAuthorizationParams =
  string | string[][] | Record<string, string> | URLSearchParams

/** What `signIn(provider, { redirect: false })` resolves to. */
export interface SignInResponse {
  /** The error code, e.g. `CredentialsSignin`, or `null`. */
  error: string | null
  status: number
  ok: boolean
  /** Where the engine would have redirected; `null` on error. */
  url: string | null
}

/** Options of `signOut()`. */
export interface SignOutParams<Redirect extends boolean = true> {
  /** Where to go after signing out. Default: the current page. */
  callbackUrl?: string
  /** `false` stays on the page and resolves to `{ url }`. */
  redirect?: Redirect
}

/** What `signOut({ redirect: false })` resolves to. */
export interface SignOutResponse {
  url: string
}
