import type { NextAuthOptions } from 'gatehouse'
import CredentialsProvider from 'gatehouse/providers/credentials'
import EmailProvider from 'gatehouse/providers/email'
import GitHubProvider from 'gatehouse/providers/github'
import GoogleProvider from 'gatehouse/providers/google'
import OAuthProvider from 'gatehouse/providers/oauth'

import { adapter, databaseReady } from './db'
import { demoUsers } from './demo-users'
import { fileMessage } from './mailbox'
import { verifyPassword } from './password'

type Providers = NextAuthOptions['providers']

/** Email and password of the seeded users (see lib/demo-users.ts). */
const credentials = CredentialsProvider({
  name: 'Email and password',
  credentials: {
    email: { label: 'Email', type: 'email' },
    password: { label: 'Password', type: 'password' },
  },
  async authorize(submitted) {
    await databaseReady()
    const account = demoUsers.find((user) => user.email === submitted?.email?.toLowerCase())
    if (!account || !verifyPassword(submitted?.password ?? '', account.passwordHash)) return null
    const user = await adapter.getUserByEmail(account.email)
    return user ? { ...user } : null
  },
})

/**
 * Magic links. With the dev SMTP server (`npm start` runs it) they go through real SMTP; a
 * plain `next start` without it files them straight into the dev mailbox.
 */
const email = process.env.DEMO_SMTP_URL
  ? EmailProvider({ server: process.env.DEMO_SMTP_URL, from: 'Gatehouse demo <demo@localhost>' })
  : EmailProvider({
      async sendVerificationRequest({ identifier, url }) {
        fileMessage({
          to: [identifier],
          from: 'demo@localhost',
          subject: 'Sign in to the Gatehouse demo',
          text: `Sign in: ${url}`,
          html: '',
          receivedAt: new Date().toISOString(),
        })
        console.log(`[dev-mail] sign-in link for ${identifier}: ${url}`)
      },
    })

/** The local OpenID provider `npm start` runs next to the app. */
const devOidc: Providers = process.env.DEMO_OIDC_ISSUER
  ? [
      OAuthProvider({
        id: 'demo-oidc',
        name: 'Dev OpenID provider',
        type: 'oidc',
        issuer: process.env.DEMO_OIDC_ISSUER,
        clientId: process.env.DEMO_OIDC_CLIENT_ID ?? 'gatehouse-demo',
        clientSecret: process.env.DEMO_OIDC_CLIENT_SECRET ?? 'gatehouse-demo-secret',
        // The dev provider listens on plain HTTP on loopback.
        allowInsecureRequests: true,
      }),
    ]
  : []

const githubId = process.env.GITHUB_CLIENT_ID ?? process.env.GITHUB_ID
const githubSecret = process.env.GITHUB_CLIENT_SECRET ?? process.env.GITHUB_SECRET

/** Real providers, on when their credentials are in the environment. */
const hostedProviders: Providers = [
  ...(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET
    ? [
        GoogleProvider({
          clientId: process.env.GOOGLE_CLIENT_ID,
          clientSecret: process.env.GOOGLE_CLIENT_SECRET,
        }),
      ]
    : []),
  ...(githubId && githubSecret
    ? [GitHubProvider({ clientId: githubId, clientSecret: githubSecret })]
    : []),
]

export const authOptions: NextAuthOptions = {
  adapter,
  session: {
    strategy: 'database',
    maxAge: 30 * 24 * 60 * 60,
    // How often a session read extends the session; DEMO_SESSION_UPDATE_AGE=0 does it every time.
    updateAge: Number(process.env.DEMO_SESSION_UPDATE_AGE ?? 24 * 60 * 60),
  },
  providers: [credentials, email, ...devOidc, ...hostedProviders],
  pages: { signIn: '/login', error: '/error' },
  callbacks: {
    async session({ session, user }) {
      session.user.id = user.id
      session.user.role = user.role ?? 'user'
      session.user.bio = user.bio ?? null
      return session
    },
  },
  events: {
    async createUser({ user }) {
      // Users who arrive by magic link or OAuth start as plain users.
      await adapter.updateUser({ id: user.id, role: 'user', bio: null })
    },
  },
}
