/**
 * The tables each library's database adapter reads, as SQL for SQLite and PostgreSQL, dropped
 * and created anew before each server starts. Gatehouse's are the default tables of its Drizzle
 * adapter; @auth/core's are the defaults of @auth/drizzle-adapter. better-auth creates its own
 * through its migration API.
 */

function tables({ user, account, session, verification, col, date }) {
  return [
    `create table ${user} (id text primary key, name text, email text ${user === 'users' ? 'not null ' : ''}unique, ${col.emailVerified} ${date}, image text)`,
    `create table ${account} (${col.userId} text not null references ${user}(id) on delete cascade, type text not null, provider text not null, ${col.providerAccountId} text not null, refresh_token text, access_token text, expires_at integer, token_type text, scope text, id_token text, session_state text, primary key (provider, ${col.providerAccountId}))`,
    `create table ${session} (${col.sessionToken} text primary key, ${col.userId} text not null references ${user}(id) on delete cascade, expires ${date} not null)`,
    `create index ${session.replace(/"/g, '')}_user_idx on ${session} (${col.userId})`,
    `create table ${verification} (identifier text not null, token text not null, expires ${date} not null, primary key (identifier, token))`,
  ]
}

const NAMES = {
  gatehouse: {
    user: 'users',
    account: 'accounts',
    session: 'sessions',
    verification: 'verification_tokens',
    col: {
      emailVerified: 'email_verified',
      userId: 'user_id',
      providerAccountId: 'provider_account_id',
      sessionToken: 'session_token',
    },
  },
  authjs: {
    user: '"user"',
    account: '"account"',
    session: '"session"',
    verification: '"verificationToken"',
    col: {
      emailVerified: '"emailVerified"',
      userId: '"userId"',
      providerAccountId: '"providerAccountId"',
      sessionToken: '"sessionToken"',
    },
  },
}

/** The SQL script that resets `library`'s tables on `dialect` ('sqlite' or 'postgres'). */
export function resetScript(library, dialect) {
  const names = NAMES[library]
  const date = dialect === 'postgres' ? 'timestamp' : 'integer'
  const cascade = dialect === 'postgres' ? ' cascade' : ''
  const drops = [names.verification, names.session, names.account, names.user].map(
    (table) => `drop table if exists ${table}${cascade}`,
  )
  return [...drops, ...tables({ ...names, date })].join(';\n') + ';'
}

/** The SQL that stores the benchmark user in `library`'s user table. */
export function insertUserSql(library, dialect) {
  const { user, col } = NAMES[library]
  const p = dialect === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?']
  return `insert into ${user} (id, name, email, ${col.emailVerified}) values (${p.join(', ')}, null)`
}
