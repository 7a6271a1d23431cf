/**
 * Type test: an app that augments `Session` with `declare module 'gatehouse'`, exactly as with
 * next-auth, sees its fields in `getServerSession`'s result, in `useSession().data`, and in the
 * `session` callback. The app is compiled with the TypeScript compiler in a program of its own,
 * so its augmentation does not leak into the repository's type-check.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const src = path.resolve('src')

const app = `
import { getServerSession } from 'gatehouse'
import type { DefaultSession, NextAuthOptions } from 'gatehouse'
import { useSession } from 'gatehouse/react'

declare module 'gatehouse' {
  interface Session {
    user: { id: string; role: 'user' | 'admin' } & DefaultSession['user']
  }
}

export const authOptions: NextAuthOptions = {
  providers: [],
  callbacks: {
    session({ session, token }) {
      session.user.id = token.sub!
      session.user.role = 'admin'
      return session
    },
  },
}

export async function onTheServer() {
  const session = await getServerSession(authOptions)
  if (!session) return
  const id: string = session.user.id
  const role: 'user' | 'admin' = session.user.role
  const name: string | null | undefined = session.user.name
  // @ts-expect-error the role is the app's union, not any string
  const wrong: 'superuser' = session.user.role
  return [id, role, name, wrong]
}

export function OnTheClient() {
  const { data, status } = useSession({ required: true })
  if (status === 'loading') return null
  const role: 'user' | 'admin' = data.user.role
  // @ts-expect-error with required: true there is no unauthenticated state
  const never: 'unauthenticated' = status
  return [role, never]
}
`

/** Compiles the app and returns the diagnostics of the app's own file. */
function compile(source: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-augmentation-'))
  try {
    const file = path.join(dir, 'app.ts')
    writeFileSync(file, source)
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.resolve('node_modules/@types')],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      baseUrl: dir,
      paths: {
        gatehouse: [path.join(src, 'index.ts')],
        'gatehouse/react': [path.join(src, 'react/index.ts')],
      },
    })
    return ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file?.fileName === file)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('module augmentation of gatehouse', () => {
  it('reaches getServerSession, useSession and the session callback', () => {
    expect(compile(app)).toEqual([])
  })

  it('is really checked: a field the app did not declare is an error', () => {
    const errors = compile(
      `${app}\nexport async function typo() { const s = await getServerSession(authOptions); return s?.user.rol }\n`,
    )
    expect(errors.join('\n')).toMatch(/Property 'rol' does not exist/)
  })
})
