'use client'
/**
 * `gatehouse/react`: the browser side, with the API of `next-auth/react`. It imports no server
 * module and no crypto; everything goes through the auth routes over `fetch`.
 *
 * @module
 */
export { SessionProvider, useSession } from './session-provider.js'
export type { SessionProviderProps } from './session-provider.js'
export { getCsrfToken, getProviders, getSession } from './auth-api.js'
export { signIn } from './sign-in.js'
export { signOut } from './sign-out.js'
export type {
  ClientSafeProvider,
  ClientSafeProviders,
  Session,
  SessionContextValue,
  SignInAuthorizationParams,
  SignInOptions,
  SignInResponse,
  SignOutParams,
  SignOutResponse,
  UpdateSession,
  UseSessionOptions,
} from './types.js'
