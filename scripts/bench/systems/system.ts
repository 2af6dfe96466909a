/**
 * One system under test in `npm run bench:verify`: Tessera today, peers (Better Auth) later.
 * Everything but `verify` runs outside the timed part.
 */
export type VerifyAnswer = { ok: boolean; outcome: string };

export interface VerifyingSystem<Challenge> {
  name: string;
  /** Builds if needed, creates its database, starts its server and warms it up. */
  start(): Promise<void>;
  /** `count` fresh users, each with an enrolled authenticator and a pending sign-in challenge. */
  prepare(count: number): Promise<Challenge[]>;
  /** Submits the user's current code once, as the browser does. The only timed call. */
  verify(challenge: Challenge): Promise<VerifyAnswer>;
  /** How many of these challenges the database shows as fully signed in. */
  signedIn(challenges: Challenge[]): Promise<number>;
  /** CPU ms the server processes have used so far. */
  serverCpuMs(): number;
  /** Stops the server and drops the database (safe to call twice). */
  stop(): Promise<void>;
}

/**
 * Verifications each system answers before anything is timed: enough for V8 to have compiled
 * the hot path of either one, and for its connection pool to be open. With 200, Tessera's first
 * phase still ran at 8 ms of CPU per verification against 5 ms in later rounds (Next's code is
 * more to compile than a bare node:http server's).
 */
export const WARM_UP_VERIFICATIONS = 1000;
