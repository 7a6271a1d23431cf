/** Counts the server process keeps for the harness: SQL statements run, session requests served. */
export const counters = { statements: 0, requests: 0 }
