import path from 'node:path'

/**
 * Where the demo keeps its embedded database, its generated secret and the dev mailbox:
 * `examples/next-app/.data/` unless `DEMO_DATA_DIR` says otherwise (the browser tests use a
 * temporary folder).
 */
export const dataDir = process.env.DEMO_DATA_DIR ?? path.join(process.cwd(), '.data')
