import { withAuth } from 'gatehouse/middleware'

import { authOptions } from '@/lib/auth'

// Database sessions are read through the adapter: proxy.ts runs on Node.js in Next 16.
export default withAuth({
  authOptions,
  callbacks: {
    authorized: ({ token }) => token?.role === 'admin',
  },
  pages: { signIn: '/login' },
})

export const config = { matcher: ['/admin/:path*'] }
