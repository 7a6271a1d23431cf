/**
 * The HTTP call presets make when a provider's profile takes more than one plain GET of a
 * userinfo endpoint (GitHub's emails, Notion's owner, Dropbox's POST).
 *
 * @module
 */
import type { OAuthConfig, TokenSet } from '../core/types.js'

/**
 * The URL of the provider's userinfo endpoint, after the app's options were merged in.
 *
 * @example
 * ```ts
 * const url = userinfoUrl(provider) // 'https://api.github.com/user'
 * ```
 */
export function userinfoUrl(provider: OAuthConfig): string {
  const { userinfo } = provider
  const url = typeof userinfo === 'string' ? userinfo : userinfo?.url
  if (!url) throw new TypeError(`provider "${provider.id}" has no userinfo URL`)
  return url
}

/**
 * Calls a provider API with the access token and returns its JSON answer.
 *
 * @throws TypeError when the API answers with an HTTP error.
 *
 * @example
 * ```ts
 * const user = await requestJson<GitHubProfile>('https://api.github.com/user', tokens)
 * ```
 */
export async function requestJson<T>(
  url: string,
  tokens: TokenSet,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      'user-agent': 'gatehouse',
      ...init.headers,
      authorization: `Bearer ${tokens.access_token}`,
    },
    redirect: 'error',
  })
  if (!response.ok) throw new TypeError(`${url} answered HTTP ${response.status}`)
  return (await response.json()) as T
}
