/**
 * The demo's local stand-ins for the outside world, started next to the app on loopback:
 * an OpenID provider (the `oidc-provider` package, with its development login pages) and an
 * SMTP server that keeps every message it receives in `.data/mailbox.json`, which the app's
 * `/dev/mailbox` page shows. Nothing here is for production.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { simpleParser } from 'mailparser'
import Provider from 'oidc-provider'
import { SMTPServer } from 'smtp-server'

/** The OAuth client the demo app is registered as. */
export const demoOidcClient = { clientId: 'gatehouse-demo', clientSecret: 'gatehouse-demo-secret' }

/** Listens on 127.0.0.1 and a given (or free) port; resolves to the port. */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve((server.server ?? server).address().port))
  })
}

/** The people of the dev OpenID provider: any login name signs in as `<name>@oidc.localhost`. */
function findAccount(_ctx, id) {
  const name = id.replace(/[^a-z0-9._-]/gi, '') || 'someone'
  return {
    accountId: id,
    claims: async () => ({
      sub: id,
      email: `${name}@oidc.localhost`,
      email_verified: true,
      name: `${name[0].toUpperCase()}${name.slice(1)} (OIDC)`,
    }),
  }
}

/** Starts the dev OpenID provider; the app's callback URL must be known to register it. */
async function startOidcProvider({ appUrl, port = 0 }) {
  const http = await import('node:http')
  const server = http.createServer()
  const actualPort = await listen(server, port)
  // Named `localhost` like the app: browsers in tests map every other host name away.
  const issuer = `http://localhost:${actualPort}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: demoOidcClient.clientId,
        client_secret: demoOidcClient.clientSecret,
        redirect_uris: [`${appUrl}/api/auth/callback/demo-oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['gatehouse-demo-oidc-cookie-key'] },
    // Put the profile claims in the ID token too, where OIDC relying parties read them first.
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
  })
  // The dev provider prints a warning per request about its dev interactions; once is enough.
  provider.on('server_error', (_ctx, error) => console.error('[dev-oidc]', error))
  server.on('request', provider.callback())
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) }
}

/** Reads the stored messages, newest first. */
export function readMailbox(dataDir) {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, 'mailbox.json'), 'utf8'))
  } catch {
    return []
  }
}

/** Starts the SMTP server that accepts every message and files it in the mailbox. */
async function startSmtpServer({ dataDir, port = 0 }) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const messages = readMailbox(dataDir)
          messages.unshift({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            receivedAt: new Date().toISOString(),
          })
          writeFileSync(
            path.join(dataDir, 'mailbox.json'),
            JSON.stringify(messages.slice(0, 50), null, 2),
          )
          const link = /https?:\/\/\S+\/callback\/email\S*/.exec(mail.text ?? '')
          console.log(
            `[dev-mail] to ${session.envelope.rcptTo[0]?.address}: ${link ? link[0] : mail.subject}`,
          )
          callback()
        })
        .catch(callback)
    },
  })
  const actualPort = await listen(server, port)
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/**
 * Starts both services. Returns the environment the app needs to reach them.
 *
 * @example
 * const services = await startDevServices({ appUrl: 'http://localhost:3000', dataDir })
 * spawn('next', ['start'], { env: { ...process.env, ...services.env } })
 */
export async function startDevServices({ appUrl, dataDir, oidcPort = 0, smtpPort = 0 }) {
  mkdirSync(dataDir, { recursive: true })
  const oidc = await startOidcProvider({ appUrl, port: oidcPort })
  const smtp = await startSmtpServer({ dataDir, port: smtpPort })
  return {
    env: {
      DEMO_OIDC_ISSUER: oidc.issuer,
      DEMO_OIDC_CLIENT_ID: demoOidcClient.clientId,
      DEMO_OIDC_CLIENT_SECRET: demoOidcClient.clientSecret,
      DEMO_SMTP_URL: smtp.url,
    },
    close: async () => {
      await Promise.all([oidc.close(), smtp.close()])
    },
  }
}
