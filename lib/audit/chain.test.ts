import crypto from "node:crypto";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { testBackend } from "@/test/db";
import { chainHash, GENESIS_HASH, rowHash } from "./canonical";
import { signCheckpoint } from "./checkpoint";
import { eventAt, tamper, writeEvents } from "./chain-testing";
import { sealAuditEvents } from "./chain";
import { recordAudit } from "./record";
import { auditSigningKey, signingKeyFrom } from "./signing-key";
import { verifyAuditChain } from "./verify";

/**
 * The chain detects each kind of tampering (issue 11 §2). One chain per test file's database:
 * every test leaves it whole again (a tampering is undone with the triggers off too).
 */
const EVENTS = 40;
let head: bigint;

beforeAll(async () => {
  await writeEvents(EVENTS);
  // Small batches: several signed checkpoints along the chain.
  const sealed = await sealAuditEvents(db, { batch: 7 });
  expect(sealed).toMatchObject({ sealed: EVENTS, checkpoints: 6, busy: false });
  head = BigInt(EVENTS);
});

afterEach(async () => {
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true, broken: null });
});

describe("sealing", () => {
  it("chains every event from the genesis, in order, each batch ending on a signed checkpoint", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { chainSeq: "asc" } });
    expect(events.map((event) => event.chainSeq)).toEqual(Array.from({ length: EVENTS }, (_, index) => BigInt(index + 1)));
    let previous = GENESIS_HASH;
    for (const event of events) {
      previous = chainHash(event.chainSeq!, previous, rowHash(event));
      expect(event.chainHash).toBe(previous);
    }
    const checkpoints = await db.auditCheckpoint.findMany({ orderBy: { chainSeq: "asc" } });
    expect(checkpoints.map((checkpoint) => checkpoint.chainSeq)).toEqual([7n, 14n, 21n, 28n, 35n, 40n]);
    expect(new Set(checkpoints.map((checkpoint) => checkpoint.keyId))).toEqual(new Set([auditSigningKey().keyId]));
    expect(await verifyAuditChain(db)).toEqual({
      ok: true, checked: EVENTS, lastSeq: head, broken: null, fromSeq: 0n, checkpoints: 6, foreignCheckpoints: 0, staleUnsealed: 0,
    });
  });

  it("continues the chain from its head, and has nothing to do when everything is sealed", async () => {
    expect(await sealAuditEvents(db)).toEqual({ sealed: 0, checkpoints: 0, busy: false });
    await writeEvents(3);
    expect(await sealAuditEvents(db)).toEqual({ sealed: 3, checkpoints: 1, busy: false });
    head += 3n;
    expect((await verifyAuditChain(db)).lastSeq).toBe(head);
  });

  it("verifies in batches as in one go", async () => {
    expect(await verifyAuditChain(db, { batch: 3 })).toMatchObject({ ok: true, checked: Number(head) });
  });
});

describe("tampering is detected", () => {
  const FIELDS = {
    id: crypto.randomUUID(),
    createdAt: new Date("2026-11-20T10:00:05.124Z"),
    type: "account.deleted",
    outcome: "denied",
    actorId: "someone-else",
    subjectId: "someone-else",
    projectId: "a-project",
    ip: "198.51.100.1",
    userAgent: "curl/8",
    browserName: "Chrome",
    osName: "Windows",
    metadata: { b: 5, a: { z: "last", y: [1, "two", { d: null, c: false }] } },
  } as const;

  it.each(Object.keys(FIELDS) as (keyof typeof FIELDS)[])("an edited %s: the event is named", async (field) => {
    const original = await eventAt(5);
    await tamper((tx) => tx.auditEvent.update({ where: { id: original.id }, data: { [field]: FIELDS[field] } }));
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, checked: 4, lastSeq: 4n, broken: { eventId: field === "id" ? FIELDS.id : original.id, seq: 5n, problem: "edited" } });
    await tamper((tx) => tx.auditEvent.update({ where: { chainSeq: 5n }, data: { [field]: original[field] ?? null } as never }));
  });

  it("an edited last event", async () => {
    const last = await eventAt(head);
    await tamper((tx) => tx.auditEvent.update({ where: { id: last.id }, data: { outcome: last.outcome === "success" ? "failure" : "success" } }));
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: last.id, seq: head, problem: "edited" });
    await tamper((tx) => tx.auditEvent.update({ where: { id: last.id }, data: { outcome: last.outcome } }));
  });

  it("a deleted event: the one after the gap is named", async () => {
    const deleted = await eventAt(9);
    const after = await eventAt(10);
    await tamper((tx) => tx.auditEvent.delete({ where: { id: deleted.id } }));
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: after.id, seq: 10n, problem: "missing" });
    await tamper((tx) => tx.auditEvent.create({ data: deleted as never }));
  });

  it("the first event deleted", async () => {
    const first = await eventAt(1);
    await tamper((tx) => tx.auditEvent.delete({ where: { id: first.id } }));
    expect((await verifyAuditChain(db)).broken).toMatchObject({ seq: 2n, problem: "missing" });
    await tamper((tx) => tx.auditEvent.create({ data: first as never }));
  });

  it("two events swapped", async () => {
    const [a, b] = [await eventAt(12), await eventAt(17)];
    const swap = (first: string, second: string) =>
      tamper(async (tx) => {
        await tx.auditEvent.update({ where: { id: first }, data: { chainSeq: -1n } });
        await tx.auditEvent.update({ where: { id: second }, data: { chainSeq: 12n } });
        await tx.auditEvent.update({ where: { id: first }, data: { chainSeq: 17n } });
      });
    await swap(a.id, b.id);
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: b.id, seq: 12n, problem: "out_of_place" });
    await swap(b.id, a.id);
  });

  it("an event inserted into the sealed part, even with a correct hash for its place", async () => {
    const displaced = await eventAt(20);
    const previous = await eventAt(19);
    const forged = { ...FIELDS, id: crypto.randomUUID(), chainSeq: 20n, txid: 1n };
    const forgedHash = chainHash(20n, previous.chainHash!, rowHash(forged));
    await tamper(async (tx) => {
      await tx.$executeRaw`UPDATE "AuditEvent" SET "chainSeq" = -"chainSeq" - 1 WHERE "chainSeq" >= 20`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "chainSeq" = -"chainSeq" WHERE "chainSeq" < 0`;
      await tx.auditEvent.create({ data: { ...forged, chainHash: forgedHash } });
    });
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: displaced.id, seq: 21n, problem: "out_of_place" });
    await tamper(async (tx) => {
      await tx.auditEvent.delete({ where: { id: forged.id } });
      await tx.$executeRaw`UPDATE "AuditEvent" SET "chainSeq" = -("chainSeq" - 1) WHERE "chainSeq" > 20`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "chainSeq" = -"chainSeq" WHERE "chainSeq" < 0`;
    });
  });

  it("an edit whose every later hash was recomputed: the next signed checkpoint disagrees", async () => {
    const saved = await db.auditEvent.findMany({ where: { chainSeq: { gte: 23n } }, orderBy: { chainSeq: "asc" } });
    let previous = (await eventAt(22)).chainHash!;
    await tamper(async (tx) => {
      for (const event of saved) {
        const edited = event.chainSeq === 23n ? { ...event, ip: "192.0.2.66" } : event;
        previous = chainHash(event.chainSeq!, previous, rowHash(edited));
        await tx.auditEvent.update({ where: { id: event.id }, data: { ip: edited.ip, chainHash: previous } });
      }
    });
    // The checkpoint after 23 is at 28: everything up to it hashes, but not to what was signed.
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: saved[5]!.id, seq: 28n, problem: "checkpoint_mismatch" });
    await tamper(async (tx) => {
      for (const event of saved) await tx.auditEvent.update({ where: { id: event.id }, data: { ip: event.ip, chainHash: event.chainHash } });
    });
  });

  it("the tail cut off: a signed checkpoint lies beyond the chain's end", async () => {
    const tail = await db.auditEvent.findMany({ where: { chainSeq: { gt: head - 2n } } });
    await tamper((tx) => tx.auditEvent.deleteMany({ where: { id: { in: tail.map((event) => event.id) } } }));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, checked: Number(head) - 2, broken: { eventId: null, seq: head, problem: "truncated" } });
    await tamper(async (tx) => {
      for (const event of tail) await tx.auditEvent.create({ data: event as never });
    });
  });

  it("a forged checkpoint signature, and one made with another key", async () => {
    const checkpoint = await db.auditCheckpoint.findFirstOrThrow({ where: { chainSeq: 14n } });
    const event = await eventAt(14);
    const other = signingKeyFrom(crypto.randomBytes(32).toString("base64"));
    // Same text, signed by someone else but claiming our key.
    const forged = signCheckpoint(other, checkpoint.chainSeq, checkpoint.chainHash, checkpoint.createdAt).signature;
    await db.auditCheckpoint.update({ where: { id: checkpoint.id }, data: { signature: forged } });
    expect((await verifyAuditChain(db)).broken).toEqual({ eventId: null, seq: 14n, problem: "checkpoint_signature" });
    await db.auditCheckpoint.update({ where: { id: checkpoint.id }, data: { signature: checkpoint.signature } });

    // A checkpoint honestly signed by another key proves nothing, and breaks nothing: counted apart.
    const foreign = await db.auditCheckpoint.create({ data: signCheckpoint(other, 14n, "f".repeat(64), new Date()) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, foreignCheckpoints: 1 });
    await db.auditCheckpoint.delete({ where: { id: foreign.id } });
    expect(event.chainHash).toBe(checkpoint.chainHash);
  });
});

describe("the database refuses changes to events", () => {
  const refused = async (statement: Promise<unknown>) => {
    await expect(statement).rejects.toThrow(/append-only|written unsealed/);
  };

  it("UPDATE, DELETE, TRUNCATE, a sealed INSERT and sealing twice", async () => {
    const event = await eventAt(3);
    await refused(db.$executeRaw`UPDATE "AuditEvent" SET "ip" = '192.0.2.1' WHERE "id" = ${event.id}`);
    await refused(db.$executeRaw`UPDATE "AuditEvent" SET "chainSeq" = 999, "chainHash" = 'x' WHERE "id" = ${event.id}`);
    await refused(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${event.id}`);
    await refused(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`));
    await refused(db.$executeRaw`INSERT INTO "AuditEvent" ("id", "type", "outcome", "chainSeq", "chainHash") VALUES (${crypto.randomUUID()}, 'auth.sign_in', 'success', 999, 'x')`);
    // Retention's switch deletes only sealed events.
    await recordAudit(db, { type: "auth.sign_in" });
    await refused(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL tessera.audit_retention = 'on'");
        await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "chainSeq" IS NULL`;
      }),
    );
    expect(await db.auditEvent.count({ where: { chainSeq: null } })).toBe(1);
    const { sealed } = await sealAuditEvents(db);
    head += BigInt(sealed);
  });
});

describe(`concurrency (${testBackend()})`, () => {
  it("never seals an event whose transaction is still open", async () => {
    if (testBackend() === "pglite") {
      // One connection: an open transaction would block the sealer itself. The horizon is the
      // same query; PostgreSQL runs the real race below.
      await writeEvents(1);
      head += BigInt((await sealAuditEvents(db)).sealed);
      return;
    }
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      const id = crypto.randomUUID();
      await client.query(`INSERT INTO "AuditEvent" ("id", "createdAt", "type", "outcome") VALUES ($1, now() - interval '1 hour', 'auth.sign_in', 'success')`, [id]);
      // Another transaction writes and commits meanwhile: it is sealed, the open one is not.
      await recordAudit(db, { type: "auth.sign_in" });
      expect(await sealAuditEvents(db)).toMatchObject({ sealed: 1 });
      head += 1n;
      await client.query("COMMIT");
      expect(await db.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ chainSeq: null });
      expect(await sealAuditEvents(db)).toMatchObject({ sealed: 1 });
      // Sealed after everything sealed before it committed, whatever its (older) time.
      expect(await db.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ chainSeq: head + 1n });
      head += 1n;
    } finally {
      await client.end();
    }
  });

  it("many writers and two sealers at once: every event sealed exactly once, the chain verifies", { timeout: 120_000 }, async () => {
    const writers = testBackend() === "postgres" ? 60 : 4;
    const perWriter = 10;
    // A second client is a second app instance: its own pool, its own sealer.
    const other = testBackend() === "postgres" ? new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 10 }) }) : db;
    let writing = true;
    const sealer = async (client: typeof db) => {
      let busy = 0;
      while (writing) {
        const result = await sealAuditEvents(client, { batch: 50 });
        if (result.busy) busy++;
      }
      return busy;
    };
    const sealers = [sealer(db), sealer(other)];
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let index = 0; index < perWriter; index++) {
          await db.$transaction(async (tx) => {
            await recordAudit(tx, { type: "auth.sign_in", metadata: { purpose: writer, method: index } });
            await recordAudit(tx, { type: "sudo.granted", metadata: { purpose: writer, method: index } });
          });
        }
      }),
    );
    writing = false;
    const busy = await Promise.all(sealers);
    await sealAuditEvents(db);
    if (other !== db) await other.$disconnect();
    const total = writers * perWriter * 2;
    const [counts] = await db.$queryRaw<{ unsealed: number; sealed: number; distinct: number; max: bigint }[]>`
      SELECT count(*) FILTER (WHERE "chainSeq" IS NULL)::int AS "unsealed", count("chainSeq")::int AS "sealed",
             count(DISTINCT "chainSeq")::int AS "distinct", max("chainSeq") AS "max" FROM "AuditEvent"`;
    expect(counts).toMatchObject({ unsealed: 0, sealed: Number(head) + total, distinct: Number(head) + total });
    expect(BigInt(counts!.max)).toBe(head + BigInt(total));
    head += BigInt(total);
    const verification = await verifyAuditChain(db);
    expect(verification).toMatchObject({ ok: true, checked: Number(head) });
    if (testBackend() === "postgres") expect(busy.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });
});
