import type pg from "pg";

/**
 * Watches a node-postgres pool's connections, for code that must know when they are gone.
 *
 * `pool.end()` resolves as soon as it has asked each connection to close, not once they are
 * closed. Until the server has read that goodbye the session still exists: it still holds its
 * locks (Prisma's migration advisory lock among them), and a `DROP DATABASE … WITH (FORCE)` in
 * that moment terminates it, which the closing client then reports as an 'error' event
 * ("terminating connection due to administrator command"). On a busy machine that moment is
 * long enough to hit.
 *
 * Call it on a new pool, before anything connects: `closed()` then resolves once every
 * connection the pool opened is closed (the server has ended the session), so call it after
 * `pool.end()`. It counts only connections that were established ('connect'); every one of them
 * leaves through the pool's 'remove', which the pool emits once the socket has closed.
 */
export function watchConnections(pool: pg.Pool): { closed(): Promise<void> } {
  const open = new Set<pg.PoolClient>();
  let waiting: (() => void)[] = [];
  pool.on("connect", (client) => open.add(client));
  pool.on("remove", (client) => {
    open.delete(client);
    if (open.size > 0) return;
    const resolve = waiting;
    waiting = [];
    for (const done of resolve) done();
  });
  return {
    closed: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
