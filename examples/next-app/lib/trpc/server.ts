/**
 * The demo's tRPC server: a `user` router on Gatehouse's tRPC helpers. The context is the
 * session (`createContext(authOptions)`), `protectedProcedure` needs a signed-in user and
 * `adminProcedure` an admin, with the roles the demo declares in types/gatehouse.d.ts.
 */
import { initTRPC } from '@trpc/server'
import { z } from 'zod'

import { createAuthProcedures, createContext, type SessionContext } from 'gatehouse/trpc'

import { authOptions } from '@/lib/auth'
import { adapter, databaseReady } from '@/lib/db'

const t = initTRPC.context<SessionContext>().create()

export const router = t.router
export const publicProcedure = t.procedure
export const { protectedProcedure, roleProcedure } = createAuthProcedures(t)
export const adminProcedure = roleProcedure('admin')

/** The context of every call: `{ session }`, read from the request's cookies. */
export const createTRPCContext = createContext(authOptions)

export const userRouter = router({
  // Public: anyone may look a user up, but sees only the public fields.
  getById: publicProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ input }) => {
    await databaseReady()
    const user = await adapter.getUser(input.id)
    return user ? { id: user.id, name: user.name ?? null, image: user.image ?? null } : null
  }),

  // Protected: the signed-in user, with the fields only they may see.
  getCurrent: protectedProcedure.query(async ({ ctx }) => {
    const user = await adapter.getUser(ctx.session.user.id)
    if (!user) return null
    return {
      id: user.id,
      name: user.name ?? null,
      email: user.email,
      image: user.image ?? null,
      role: ctx.session.user.role,
      bio: (user as { bio?: string | null }).bio ?? null,
    }
  }),

  // Protected: change one's own name or bio; validated, and never the role.
  update: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'A name cannot be empty.').max(80).optional(),
        bio: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = await adapter.updateUser({ id: ctx.session.user.id, ...input })
      return {
        id: user.id,
        name: user.name ?? null,
        bio: (user as { bio?: string | null }).bio ?? null,
      }
    }),

  // Admins only.
  delete: adminProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.session.user.id) return { deleted: false as const }
      await adapter.deleteUser(input.id)
      return { deleted: true as const }
    }),
})

export const appRouter = router({ user: userRouter })

/** The router's type, for the client. */
export type AppRouter = typeof appRouter
