/** Medians and table formatting for the benchmark report. */

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A number for a table: thousands separated, `digits` decimals, or an em dash. */
export function fmt(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** A ratio as `1.23x`. */
export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '—'
}

/** A Markdown table from a header row and body rows. */
export function table(header, rows) {
  const lines = [header, header.map(() => '---'), ...rows]
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
