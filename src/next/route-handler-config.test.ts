import { afterEach, describe, expect, it } from 'vitest'
import { ConfigurationError } from '../core/errors.js'
import type { AuthOptions } from '../core/types.js'
import { NextAuth } from './route-handler.js'

describe('NextAuth(options) at start-up', () => {
  const phase = process.env.NEXT_PHASE
  afterEach(() => {
    if (phase === undefined) delete process.env.NEXT_PHASE
    else process.env.NEXT_PHASE = phase
  })

  it('throws a ConfigurationError naming the option when the route module loads', () => {
    const options = { secret: 's', providers: [{ id: 'x', name: 'X', type: 'saml' }] }
    expect(() => NextAuth(options as unknown as AuthOptions)).toThrow(ConfigurationError)
    expect(() => NextAuth(options as unknown as AuthOptions)).toThrow(
      /providers\[0\].*unknown type "saml"/,
    )
  })

  it('does not validate while `next build` collects page data', () => {
    process.env.NEXT_PHASE = 'phase-production-build'
    const options = { secret: 's', providers: [{ id: 'x', name: 'X', type: 'saml' }] }
    expect(typeof NextAuth(options as unknown as AuthOptions)).toBe('function')
  })
})
