/** The demo's tRPC client, for the browser: calls go to the route handler at /trpc/api. */
import { createTRPCClient, httpBatchLink } from '@trpc/client'

import type { AppRouter } from './server'

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc/api' })],
})
