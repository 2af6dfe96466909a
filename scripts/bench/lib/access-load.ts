/**
 * The door-check load of issue 12 §7, shared by scripts/bench/access.ts (through `next start`)
 * and scripts/bench/door-check-floor.ts (a bare Node server): the seeding of N access users with
 * a card and an MFA code each and two doors, the owner's API key, and the load generator.
 */
import crypto from "node:crypto";
import pg from "pg";
import type { App } from "./people";
import { seedPerson } from "./people";
import type { Tally } from "./tally";

const DISTINCT_CODES = 1_000;

/**
 * Where a load run is in its sequence of checks. Each call of `fire` starts a fresh one unless
 * given one: runs that share a sequence continue it, so the wrong codes keep moving on to other
 * cards and no card collects the five failures that lock it at the door.
 */
export type Sequence = { n: number; wrongCard: number };

export const codeOf = (n: number) => String(100_000 + (n % DISTINCT_CODES));

/** N access users with a card (facility 1, card n) and an MFA code each, in batches of 10,000 rows per statement. */
export async function seedAccess(client: pg.Client, projectId: string, users: number) {
  const { sealAccessCode } = await import("@/lib/access/codes");
  const started = performance.now();
  await client.query("SET synchronous_commit = off");
  for (let start = 1; start <= users; start += 10_000) {
    const end = Math.min(users, start + 9_999);
    const n = end - start + 1;
    const userIds: string[] = [], codeIds: string[] = [], sealed: string[] = [], digests: string[] = [];
    for (let i = start; i <= end; i++) {
      const codeId = crypto.randomUUID();
      const box = sealAccessCode(projectId, codeId, codeOf(i));
      userIds.push(crypto.randomUUID());
      codeIds.push(codeId);
      sealed.push(box.sealed);
      digests.push(box.digest);
    }
    await client.query(
      `INSERT INTO "AccessUser" ("id", "projectId", "name", "externalId", "updatedAt")
       SELECT u, $1, 'Person ' || ($3::int + o - 1), 'emp-' || ($3::int + o - 1), now() FROM unnest($2::text[]) WITH ORDINALITY AS t(u, o)`,
      [projectId, userIds, start],
    );
    await client.query(
      `INSERT INTO "AccessCard" ("id", "projectId", "accessUserId", "facilityCode", "cardNumber")
       SELECT gen_random_uuid()::text, $1, u, 1, $3::int + o - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(u, o)`,
      [projectId, userIds, start],
    );
    await client.query(
      `INSERT INTO "AccessCode" ("id", "projectId", "accessUserId", "kind", "sealed", "digest", "length", "updatedAt")
       SELECT c, $1, u, 'mfa', s, d, 6, now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(c, u, s, d)`,
      [projectId, codeIds, userIds, sealed, digests],
    );
    if (end % 50_000 === 0 || end === users) console.log(`  ${end.toLocaleString("en")} access users (${n} in the last batch), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const week = (mode: string) => JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00", mode })));
  const doors = await client.query<{ id: string; name: string }>(
    `INSERT INTO "Door" ("id", "projectId", "name", "schedule", "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Lobby', $2::jsonb, now()), (gen_random_uuid()::text, $1, 'Lab', $3::jsonb, now()) RETURNING "id", "name"`,
    [projectId, week("card_only"), week("card_and_code")],
  );
  await client.query(`VACUUM (ANALYZE) "AccessUser", "AccessCard", "AccessCode", "Door"`);
  console.log(`Seeded ${users.toLocaleString("en")} access users with cards and MFA codes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return Object.fromEntries(doors.rows.map((row) => [row.name, row.id])) as { Lobby: string; Lab: string };
}

export async function ownerWithKey(app: App, env: Record<string, string>) {
  const [{ createProject }, { createApiKey }] = await Promise.all([import("@/lib/projects/projects"), import("@/lib/api/keys")]);
  const person = await seedPerson(app, "password");
  const session = await app.db.session.create({ data: { userId: person.id, verifiedAt: new Date(), verifiedMethod: "password", expiresAt: new Date(Date.now() + 3_600_000) } });
  const actor = { userId: person.id, sessionId: session.id };
  const context = { ip: "127.0.0.1", userAgent: "tessera-bench (seed)" };
  const project = await createProject(actor, "Bench access", context);
  const key = await createApiKey(actor, project.id, { name: "bench", scopes: ["read", "write"], expiresInDays: null }, context);
  void env;
  return { projectId: project.id, key: key.key };
}

export type Check = { door: string; body: { facilityCode: number; cardNumber: number; code?: string }; expect: string };

export async function fire(
  server: { port: number },
  projectId: string,
  key: string,
  doors: { Lobby: string; Lab: string },
  users: number,
  seconds: number,
  concurrency: number,
  tally: Tally | null,
  sequence: Sequence = { n: 0, wrongCard: 0 },
) {
  const next = (): Check => {
    const i = sequence.n++;
    const card = 1 + ((i * 7_919) % users);
    const kind = i % 10;
    if (kind < 4) return { door: doors.Lab, body: { facilityCode: 1, cardNumber: card, code: codeOf(card) }, expect: "card_and_code" };
    if (kind < 6) {
      const other = 1 + ((sequence.wrongCard++ * 104_729) % users);
      return { door: doors.Lab, body: { facilityCode: 1, cardNumber: other, code: "000000" }, expect: "wrong_code" };
    }
    return { door: doors.Lobby, body: { facilityCode: 1, cardNumber: card }, expect: "card_only" };
  };
  const deadline = performance.now() + seconds * 1000;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const worker = async () => {
    while (performance.now() < deadline) {
      const check = next();
      const started = performance.now();
      let status = "no answer";
      let outcome = "error";
      try {
        const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/projects/${projectId}/doors/${check.door}/checks`, { method: "POST", headers, body: JSON.stringify(check.body) });
        status = String(response.status);
        const body = (await response.json()) as { reason?: string; code?: string };
        outcome = response.ok ? (body.reason === check.expect ? body.reason! : `unexpected ${body.reason}`) : `refused ${body.code}`;
      } catch (error) {
        outcome = `error ${(error as Error).message}`;
      }
      tally?.add(status, outcome, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
