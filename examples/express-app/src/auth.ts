/**
 * The example's auth options: the dev OpenID provider, plus Google and GitHub when their
 * client ids are in the environment; database sessions; admins named by ADMIN_EMAILS.
 */
import type { Adapter, AuthOptions } from 'gatehouse/core'
import GitHubProvider from 'gatehouse/providers/github'
import GoogleProvider from 'gatehouse/providers/google'
import { OAuthProvider } from 'gatehouse/providers/oauth'
import { devClient } from './dev-oidc.js'

/** Where the auth routes are mounted. */
export const basePath = '/api/auth'

/** Who is an admin: ADMIN_EMAILS (comma-separated), by default the dev provider's "admin". */
const adminEmails = new Set(
  (process.env.ADMIN_EMAILS ?? 'admin@oidc.localhost')
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean),
)

export function createAuthOptions(config: {
  adapter: Adapter
  secret: string
  devIssuer?: string
}): AuthOptions {
  const providers: AuthOptions['providers'] = []
  if (config.devIssuer) {
    providers.push(
      OAuthProvider({
        id: 'dev-oidc',
        name: 'Dev OpenID provider',
        type: 'oidc',
        issuer: config.devIssuer,
        clientId: devClient.clientId,
        clientSecret: devClient.clientSecret,
        // The dev provider listens on plain HTTP on loopback.
        allowInsecureRequests: true,
      }),
    )
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({
        clientId: process.env.GOOGLE_CLIENT_ID,
        clientSecret: process.env.GOOGLE_CLIENT_SECRET,
      }),
    )
  }
  if (process.env.GITHUB_CLIENT_ID && process.env.GITHUB_CLIENT_SECRET) {
    providers.push(
      GitHubProvider({
        clientId: process.env.GITHUB_CLIENT_ID,
        clientSecret: process.env.GITHUB_CLIENT_SECRET,
      }),
    )
  }

  return {
    basePath,
    secret: config.secret,
    adapter: config.adapter,
    session: { strategy: 'database' },
    providers,
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id
        session.user.role = adminEmails.has(user.email.toLowerCase()) ? 'admin' : 'user'
        return session
      },
    },
  }
}
