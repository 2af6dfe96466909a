import type { Env } from "@/lib/env";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The arguments `npm start` (scripts/start.ts) gives `next start`. */
export function nextStartArgs(env: Pick<Env, "HOST" | "PORT">): string[] {
  return ["start", "-p", String(env.PORT), "-H", env.HOST];
}

/**
 * What `npm start` says about where it listens. Development mode has demo passwords and an
 * outbox anyone who reaches it can read, so reaching it from other machines must be a choice.
 */
export function listenNotice(env: Pick<Env, "APP_ENV" | "HOST" | "PORT">): string {
  const where = `${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
  if (env.APP_ENV !== "development") return `Listening on ${where} (set HOST to change it).`;
  if (LOOPBACK.test(env.HOST)) {
    return `Development mode listens on ${where}, this computer only. Set HOST=0.0.0.0 to reach it from elsewhere.`;
  }
  return (
    `Development mode listens on ${where} (HOST): anyone who can reach it can sign in with the ` +
    `demo accounts and read the outbox's sign-in codes.`
  );
}
