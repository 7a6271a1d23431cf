/**
 * The default mapping from a provider's profile to the Gatehouse user, for providers that do
 * not bring a `profile()` of their own.
 *
 * @module
 */
import { OAuthCallbackError } from '../errors.js'
import type { Profile, User } from '../types.js'

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Maps the standard claims: `sub` (or `id`) to `id`; `name`, `nickname` or
 * `preferred_username` to `name`; `email`; `picture` (or `avatar_url`, `image`) to `image`.
 *
 * @throws OAuthCallbackError when the profile has neither `sub` nor `id`.
 *
 * @example
 * ```ts
 * defaultProfile({ sub: '42', name: 'Ada', email: 'ada@example.com', picture: 'https://...' })
 * // { id: '42', name: 'Ada', email: 'ada@example.com', image: 'https://...' }
 * ```
 */
export function defaultProfile(profile: Profile): User {
  const id = profile.sub ?? profile.id
  if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
    throw new OAuthCallbackError('The provider returned a profile without "sub" or "id".')
  }
  return {
    id: String(id),
    name: text(profile.name) ?? text(profile.nickname) ?? text(profile.preferred_username) ?? null,
    email: text(profile.email) ?? null,
    image: text(profile.picture) ?? text(profile.avatar_url) ?? text(profile.image) ?? null,
  }
}
