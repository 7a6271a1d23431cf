/**
 * A small Express app for the browser-side suites (TanStack Query under happy-dom), run in a
 * child process so that the server keeps Node's own `fetch` classes while the test window has
 * happy-dom's. It prints its origin as the first line of stdout.
 *
 * Routes: the auth routes under /api/auth; GET/PATCH /api/user (the signed-in user's profile,
 * PATCH answers 422 for an empty name); GET /api/todos (the user's own list); GET /test/counts
 * (how often each route was hit, to prove what the client did or did not fetch).
 */
import { createServer } from 'node:http'
import express from 'express'
import { ExpressAuth, requireAuth } from '../../src/express/index.js'
import { listen, people, peopleOptions } from './express-harness.js'

const authOptions = peopleOptions()
const profiles = new Map<string, { id: string; name: string; bio: string }>(
  Object.values(people).map((person) => [person.id, { id: person.id, name: person.name, bio: '' }]),
)
const counts: Record<string, number> = {}

const app = express()
app.use((req, res, next) => {
  const key = `${req.method} ${req.path}`
  counts[key] = (counts[key] ?? 0) + 1
  // Per-user answers must not be reused from an HTTP cache (happy-dom has one, as browsers do).
  res.set('Cache-Control', 'no-store')
  next()
})
app.use('/api/auth', ExpressAuth(authOptions))
app.get('/', (_req, res) => {
  res.type('html').send('<!doctype html><title>test</title>')
})
app.get('/test/counts', (_req, res) => {
  res.json(counts)
})

const userId = (res: express.Response): string => {
  const user = res.locals.session?.user as { id?: string } | undefined
  return user?.id ?? ''
}

app.get('/api/user', requireAuth(authOptions), (_req, res) => {
  res.json(profiles.get(userId(res)) ?? null)
})
app.patch('/api/user', requireAuth(authOptions), express.json(), (req, res) => {
  const profile = profiles.get(userId(res))
  const changes = req.body as { name?: string; bio?: string }
  if (!profile) return void res.status(404).json({ error: 'NotFound' })
  if (changes.name !== undefined && changes.name.trim() === '') {
    return void res.status(422).json({ error: 'A name cannot be empty.' })
  }
  Object.assign(profile, changes)
  res.json(profile)
})
app.get('/api/todos', requireAuth(authOptions), (_req, res) => {
  res.json([`${userId(res)}: first todo`])
})

const origin = await listen(createServer(app))
process.stdout.write(`${origin}\n`)
