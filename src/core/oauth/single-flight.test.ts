import { describe, expect, it } from 'vitest'
import { SingleFlight } from './single-flight.js'

describe('SingleFlight', () => {
  it('runs one operation for concurrent callers of a key and shares its result', async () => {
    const flights = new SingleFlight<number>(10_000)
    let runs = 0
    let release!: (value: number) => void
    const operation = () => {
      runs++
      return new Promise<number>((resolve) => (release = resolve))
    }
    const callers = Array.from({ length: 20 }, () => flights.run('a', operation))
    release(42)
    expect(await Promise.all(callers)).toEqual(Array(20).fill(42))
    expect(runs).toBe(1)
  })

  it('keeps sharing a success during the retention time', async () => {
    const flights = new SingleFlight<number>(10_000)
    let runs = 0
    await flights.run('a', async () => ++runs)
    expect(await flights.run('a', async () => ++runs)).toBe(1)
    expect(await flights.run('b', async () => ++runs)).toBe(2)
  })

  it('runs again after a success when there is no retention', async () => {
    const flights = new SingleFlight<number>(0)
    let runs = 0
    await flights.run('a', async () => ++runs)
    await new Promise((resolve) => setImmediate(resolve))
    expect(await flights.run('a', async () => ++runs)).toBe(2)
  })

  it('shares a failure with concurrent callers only, then tries again', async () => {
    const flights = new SingleFlight<number>(10_000)
    let runs = 0
    const failing = async () => {
      runs++
      throw new Error('refused')
    }
    const results = await Promise.allSettled([flights.run('a', failing), flights.run('a', failing)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(runs).toBe(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(await flights.run('a', async () => 7)).toBe(7)
  })
})
