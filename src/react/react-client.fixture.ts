/**
 * The server of the `gatehouse/react` tests, run in a child process so that it keeps Node's
 * own `fetch` classes while the test window has happy-dom's. It serves the engine on
 * node:http under /api/auth with a credentials provider (ada / ada-password) and JWT sessions,
 * plus `POST /test/rename?name=` which changes the user's name on the server alone, as a
 * server action would. It prints its origin as the first line of stdout.
 */
import { createServer } from 'node:http'
import type { IncomingMessage } from 'node:http'

import { Auth } from '../core/index.js'
import type { AuthOptions } from '../core/types.js'
import CredentialsProvider from '../providers/credentials.js'

/** Names changed on the server, by user id: the jwt callback reads them on every request. */
const renamed = new Map<string, string>()

const authOptions: AuthOptions = {
  secret: 'react-client-test-secret-0123456789abcdef',
  providers: [
    CredentialsProvider({
      credentials: {
        username: { label: 'Username' },
        password: { label: 'Password', type: 'password' },
      },
      authorize: (credentials) =>
        credentials?.username === 'ada' && credentials.password === 'ada-password'
          ? { id: 'user-ada', name: 'Ada', email: 'ada@example.com' }
          : null,
    }),
  ],
  callbacks: {
    jwt({ token, trigger, session }) {
      const update = session as { name?: string } | undefined
      if (trigger === 'update' && typeof update?.name === 'string')
        renamed.set(token.sub!, update.name)
      if (token.sub && renamed.has(token.sub)) token.name = renamed.get(token.sub)
      return token
    },
  },
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
  }
  const chunks: Buffer[] = []
  for await (const chunk of message) chunks.push(chunk as Buffer)
  const method = message.method ?? 'GET'
  return new Request(new URL(message.url ?? '/', origin), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  })
}

let origin = ''
const server = createServer((message, reply) => {
  void (async () => {
    const request = await toRequest(message, origin)
    const url = new URL(request.url)
    let response: Response
    if (url.pathname === '/test/rename' && request.method === 'POST') {
      renamed.set('user-ada', url.searchParams.get('name') ?? '')
      response = new Response(null, { status: 204 })
    } else if (url.pathname.startsWith('/api/auth/')) {
      response = await Auth(request, authOptions)
    } else {
      response = new Response('<!doctype html><title>react client test</title>', {
        headers: { 'Content-Type': 'text/html' },
      })
    }
    reply.statusCode = response.status
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') reply.setHeader(name, value)
    })
    reply.setHeader('set-cookie', response.headers.getSetCookie())
    reply.setHeader('cache-control', 'no-store')
    reply.end(Buffer.from(await response.arrayBuffer()))
  })()
})
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number }
  origin = `http://127.0.0.1:${port}`
  process.stdout.write(`${origin}\n`)
})
