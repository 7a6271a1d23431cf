/**
 * The report of a benchmark run: Markdown tables of medians and ratios (Gatehouse against each
 * peer and baseline), the targets met or missed, the profile summary and notes.
 */
import { fmt, ratio, table } from './stats.mjs'

export function byLibrary(rows, library, db) {
  return rows?.find((row) => row.library === library && (db === undefined || row.db === db))
}

export function report(plan, results, givenNotes) {
  const notes = [...givenNotes]
  const sections = []
  const { http, db, inproc, cold, bundle, profiles } = results

  if (http) {
    const g = byLibrary(http, 'gatehouse')
    sections.push(
      `### HTTP: GET session, JWT (medians of ${plan.rounds} x ${plan.duration} s, ${plan.connections} connections)\n\n` +
        table(
          [
            'server',
            'req/s',
            'p50 ms',
            'p99 ms',
            'CPU us/req',
            'of which off the main thread',
            'RSS MiB',
            'checked',
            'failures',
            'Gatehouse req/s ÷',
            'Gatehouse CPU/req ÷',
          ],
          http.map((r) => [
            r.name,
            fmt(r.rps),
            fmt(r.p50, 1),
            fmt(r.p99, 1),
            fmt(r.cpuPerRequest),
            fmt(r.otherThreadsPerRequest),
            fmt(r.rss, 1),
            fmt(r.checked),
            fmt(r.failures),
            ratio(g.rps / r.rps),
            ratio(g.cpuPerRequest / r.cpuPerRequest),
          ]),
        ),
    )
  }
  if (db) {
    sections.push(
      `### Database sessions: GET session (medians of ${plan.dbRounds} x ${plan.duration} s, ${plan.connections} connections)\n\n` +
        table(
          [
            'library / database',
            'req/s',
            'p50 ms',
            'p99 ms',
            'CPU us/req',
            'of which off the main thread',
            'SQL per check',
            'RSS MiB',
            'failures',
            'Gatehouse req/s ÷',
            'Gatehouse CPU/req ÷',
          ],
          db.map((r) => {
            const g = byLibrary(db, 'gatehouse', r.db)
            return [
              r.name,
              fmt(r.rps),
              fmt(r.p50, 1),
              fmt(r.p99, 1),
              fmt(r.cpuPerRequest),
              fmt(r.otherThreadsPerRequest),
              fmt(r.statementsPerRequest, 2),
              fmt(r.rss, 1),
              fmt(r.failures),
              ratio(g ? g.rps / r.rps : NaN),
              ratio(g ? g.cpuPerRequest / r.cpuPerRequest : NaN),
            ]
          }),
        ),
    )
  }
  if (inproc) {
    const g = byLibrary(inproc, 'gatehouse')
    sections.push(
      `### In-process session read on a prepared request (sequential, ${plan.inprocSeconds} s each)\n\n` +
        table(
          [
            'library (call)',
            'ops/s',
            'us/op (wall)',
            'CPU us/op',
            'failures',
            'Gatehouse ops/s ÷',
            'Gatehouse CPU/op ÷',
          ],
          inproc.map((r) => [
            r.name,
            fmt(r.opsPerSec),
            fmt(1e6 / r.opsPerSec, 1),
            fmt(r.cpuPerOp, 1),
            fmt(r.failures),
            ratio(g.opsPerSec / r.opsPerSec),
            ratio(g.cpuPerOp / r.cpuPerOp),
          ]),
        ),
    )
  }
  if (bundle) {
    const g = byLibrary(bundle, 'gatehouse')
    sections.push(
      '### Client bundle (SessionProvider, useSession, signIn, signOut; esbuild, browser, minified, React external)\n\n' +
        table(
          ['package', 'min bytes', 'min+gzip bytes', 'Gatehouse gzip ÷'],
          bundle.map((r) => [r.name, fmt(r.min), fmt(r.gzip), ratio(g?.gzip / r.gzip)]),
        ),
    )
  }
  if (cold) {
    const g = byLibrary(cold, 'gatehouse')
    sections.push(
      `### Cold start: import the server entry and answer the first session request (${plan.coldRuns} fresh processes)\n\n` +
        table(
          [
            'server',
            'median ms',
            'min ms',
            'max ms',
            'of which import ms',
            'first answer ms',
            'process start to answer ms',
            'Gatehouse ÷',
          ],
          cold.map((r) => [
            r.name,
            fmt(r.ms, 1),
            fmt(r.min, 1),
            fmt(r.max, 1),
            fmt(r.importMs, 1),
            fmt(r.answerMs, 1),
            fmt(r.processMs, 1),
            ratio(g.ms / r.ms),
          ]),
        ),
    )
  }

  const targets = []
  const bare = byLibrary(http, 'bare')
  const gHttp = byLibrary(http, 'gatehouse')
  if (bare && gHttp) {
    const cpu = gHttp.cpuPerRequest / bare.cpuPerRequest
    const rps = gHttp.rps / bare.rps
    targets.push(['JWT session CPU/req <= 2x bare', ratio(cpu), cpu <= 2])
    targets.push(['JWT session req/s >= 0.5x bare', ratio(rps), rps >= 0.5])
  }
  const gSql = byLibrary(db, 'gatehouse', 'sqlite')
  const aSql = byLibrary(db, 'authjs', 'sqlite')
  if (gSql && aSql) {
    const rps = gSql.rps / aSql.rps
    targets.push(['SQLite database session req/s >= 5x @auth/core', ratio(rps), rps >= 5])
    targets.push([
      'SQLite: one SQL statement per check',
      fmt(gSql.statementsPerRequest, 2),
      gSql.statementsPerRequest <= 1.001,
    ])
  }
  const gBundle = byLibrary(bundle, 'gatehouse')
  const nBundle = byLibrary(bundle, 'next-auth')
  if (gBundle?.gzip && nBundle) {
    const share = gBundle.gzip / nBundle.gzip
    targets.push([
      'client bundle <= 50% of next-auth/react',
      `${(share * 100).toFixed(0)}%`,
      share <= 0.5,
    ])
  }
  const gCold = byLibrary(cold, 'gatehouse')
  const nCold = byLibrary(cold, 'next-auth')
  if (gCold && nCold) {
    const share = gCold.ms / nCold.ms
    targets.push(['cold start <= 50% of next-auth', `${(share * 100).toFixed(0)}%`, share <= 0.5])
  }
  if (targets.length > 0) {
    sections.push(
      '### Targets (ratios within this run)\n\n' +
        table(
          ['target', 'measured', 'met'],
          targets.map(([t, m, ok]) => [t, m, ok ? 'yes' : '**no**']),
        ),
    )
  }
  if (profiles) {
    for (const p of profiles) {
      const pct = (share) => `${(share * 100).toFixed(1)}%`
      sections.push(
        `### Profile: Gatehouse server under load, ${p.name} (self time, share of busy samples)\n\n` +
          table(
            ['area', 'self'],
            p.areas.map((a) => [a.name, pct(a.share)]),
          ) +
          '\n\n' +
          table(
            ['function', 'self'],
            p.top.map((f) => [`\`${f.name}\``, pct(f.share)]),
          ),
      )
    }
  }
  for (const row of [...(http ?? []), ...(db ?? [])]) {
    if (row.sample)
      notes.push(
        `${row.name}: ${fmt(row.failures)} failed checks; first: \`${row.sample.replace(/`/g, "'")}\``,
      )
  }
  if (notes.length > 0) sections.push(notes.map((n) => `- ${n}`).join('\n'))
  return { text: sections.join('\n\n'), missed: targets.filter(([, , ok]) => !ok).map(([t]) => t) }
}
