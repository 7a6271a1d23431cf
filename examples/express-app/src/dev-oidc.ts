/**
 * A development OpenID provider on loopback (the `oidc-provider` package with its built-in
 * login pages), so the example signs in through a real OAuth 2.0 / OIDC flow without any
 * account anywhere. Any login name signs in as `<name>@oidc.localhost`. Not for production.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** The client the example app is registered as at the dev provider. */
export const devClient = { clientId: 'gatehouse-express', clientSecret: 'gatehouse-express-secret' }

/** Starts the provider; `redirectUris` are the app's `<basePath>/callback/dev-oidc` URLs. */
export async function startDevOidc(options: { redirectUris: string[]; port?: number }) {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://localhost:${port}`

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: devClient.clientId,
        client_secret: devClient.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const name = id.replace(/[^a-z0-9._-]/gi, '') || 'someone'
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: `${name}@oidc.localhost`,
          email_verified: true,
          name: `${name[0]?.toUpperCase()}${name.slice(1)}`,
        }),
      }
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['gatehouse-express-dev-oidc'] },
    conformIdTokenClaims: false,
  })
  server.on('request', provider.callback())

  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
