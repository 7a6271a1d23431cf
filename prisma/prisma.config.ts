// Prisma 7 reads the connection URL from here, not from the schema. Copy this file to the root
// of your project (next to package.json), adjust the paths, and set DATABASE_URL.
import { defineConfig, env } from 'prisma/config'

export default defineConfig({
  schema: './schema.prisma',
  migrations: { path: './migrations/postgresql' },
  datasource: { url: env('DATABASE_URL') },
})
