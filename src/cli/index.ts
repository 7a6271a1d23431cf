#!/usr/bin/env node
/**
 * The `gatehouse` executable: `gatehouse secret` and `gatehouse schema`.
 *
 * @example
 * ```sh
 * npx gatehouse secret
 * npx gatehouse schema --adapter drizzle --dialect pg > src/db/auth-schema.ts
 * ```
 *
 * @module
 */
import { runCli } from './main.js'

process.exitCode = await runCli(process.argv.slice(2))
