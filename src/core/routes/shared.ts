/**
 * Pieces several routes share: page URLs and the remembered callback URL.
 *
 * @module
 */
import { resolveCallbackUrl } from '../callback-url.js'
import type { RequestContext } from '../internal.js'
import type { PagesOptions } from '../types.js'

const BUILT_IN: Record<keyof PagesOptions, string> = {
  signIn: 'signin',
  signOut: 'signout',
  error: 'error',
  verifyRequest: 'verify-request',
  newUser: 'signin',
}

/**
 * The absolute URL of a page: the app's own when `pages` sets one, else the built-in route.
 *
 * @example
 * ```ts
 * pageUrl(ctx, 'error', { error: 'AccessDenied' }) // 'https://app/api/auth/error?error=AccessDenied'
 * ```
 */
export function pageUrl(
  ctx: RequestContext,
  page: keyof PagesOptions,
  params: Record<string, string | undefined> = {},
): string {
  const custom = ctx.config.pages[page]
  const url = new URL(custom ?? `${ctx.config.basePath}/${BUILT_IN[page]}`, ctx.baseUrl)
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value)
  }
  return url.href
}

/**
 * Validates a requested callback URL (falling back to the remembered one) and remembers the
 * result in the callback-URL cookie for the rest of the sign-in.
 *
 * @example
 * ```ts
 * const callbackUrl = await rememberCallbackUrl(ctx, form.callbackUrl)
 * ```
 */
export async function rememberCallbackUrl(
  ctx: RequestContext,
  requested: string | undefined,
): Promise<string> {
  const { name, options } = ctx.cookies.callbackUrl
  const remembered = ctx.requestCookies[name]
  const callbackUrl = await resolveCallbackUrl(ctx, requested ?? remembered)
  if (callbackUrl !== remembered) ctx.setCookies.push({ name, value: callbackUrl, options })
  return callbackUrl
}

/**
 * The callback URL remembered at the start of a sign-in, validated again.
 *
 * @example
 * ```ts
 * const callbackUrl = await rememberedCallbackUrl(ctx, ctx.url.searchParams.get('callbackUrl'))
 * ```
 */
export async function rememberedCallbackUrl(
  ctx: RequestContext,
  requested?: string | null,
): Promise<string> {
  return resolveCallbackUrl(ctx, requested ?? ctx.requestCookies[ctx.cookies.callbackUrl.name])
}
