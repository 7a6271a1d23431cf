import { describe, expect, it } from 'vitest'
import { RotationMemory } from './rotation-memory.js'

describe('RotationMemory', () => {
  it('recalls what a refresh token led to, per provider', () => {
    const memory = new RotationMemory(60_000, 10)
    memory.remember('a', 'rt1', { access_token: 'at2', refresh_token: 'rt2' })
    expect(memory.recall('a', 'rt1')).toEqual({ access_token: 'at2', refresh_token: 'rt2' })
    expect(memory.recall('b', 'rt1')).toBeUndefined()
  })

  it('forgets the oldest rotation past its capacity', () => {
    const memory = new RotationMemory(60_000, 2)
    memory.remember('a', 'rt1', { access_token: '1' })
    memory.remember('a', 'rt2', { access_token: '2' })
    memory.remember('a', 'rt3', { access_token: '3' })
    expect(memory.recall('a', 'rt1')).toBeUndefined()
    expect(memory.recall('a', 'rt3')?.access_token).toBe('3')
  })

  it('forgets a rotation after its time to live', () => {
    const memory = new RotationMemory(0, 10)
    memory.remember('a', 'rt1', { access_token: '1' })
    expect(memory.recall('a', 'rt1')).toBeUndefined()
  })
})
