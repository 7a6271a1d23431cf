/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function, largest
 * first, as the share of all samples.
 */
import { readFileSync } from 'node:fs'

/** The `limit` functions with the most self time in the profile at `file`. */
export function topSelfTime(file, limit = 20) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const hits = new Map()
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)
  const total = profile.samples.length
  const byFunction = new Map()
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = byNode.get(id).callFrame
    const where = url
      ? `${url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/bench\/\.work\/build\//, 'gatehouse build/')}:${lineNumber + 1}`
      : ''
    const key = `${functionName || '(anonymous)'} ${where}`.trim()
    byFunction.set(key, (byFunction.get(key) ?? 0) + count)
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, count]) => ({ name, share: count / total }))
}
