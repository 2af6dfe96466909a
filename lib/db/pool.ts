/**
 * Under a burst (hundreds of sign-in challenges at once) requests must queue for a
 * connection, not fail: Prisma's default gives up on a transaction after waiting 2 s for one
 * (P2028, an HTTP 500). Transactions here are short (a claim, a compare-and-set, an audit
 * row), so a long wait is only ever queueing; the timeout still ends a stuck one.
 */
export const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;

/** Connections per process. Two instances of 20 stay far below PostgreSQL's default 100. */
export const POOL_SIZE = 20;
