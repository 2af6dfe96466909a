import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditFilter } from "@/lib/support/audit-filter";
import { createUser } from "@/test/factories";
import { main } from "@/scripts/audit-verify";
import { auditBundleLines } from "./bundle";
import { verifyAuditBundle } from "./bundle-verify";
import { sealAuditEvents } from "./chain";
import { tamper, writeEvents } from "./chain-testing";
import { recordAudit } from "./record";
import { formatFingerprint, signingKeyFrom } from "./signing-key";
import { verifyAuditChain } from "./verify";

/** Export audit bundle and its offline check (issue 11 §7), and `npm run audit:verify`'s exit codes. */
let person: { id: string; email: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bundle-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  person = await createUser();
  // The person's events scattered among others', over several sealing batches.
  for (let round = 0; round < 6; round++) {
    await writeEvents(4);
    await recordAudit(db, { type: "sudo.granted", actorId: person.id, metadata: { purpose: round } });
    if (round % 2) await sealAuditEvents(db, { batch: 3 });
  }
  await sealAuditEvents(db, { batch: 3 });
});

async function exportBundle(filter: AuditFilter = { email: person.email } as AuditFilter): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of auditBundleLines(db, { filter, scope: { kind: "everything" } })) lines.push(line.trimEnd());
  return lines;
}

const lineOf = (lines: string[], kind: string, nth = 0) =>
  lines.map((line, index) => (line.includes(`"kind":"${kind}"`) ? index : -1)).filter((index) => index >= 0)[nth]!;

describe("the audit bundle", () => {
  it("holds the filter's events with their chain, and verifies offline", async () => {
    const lines = await exportBundle();
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: "tessera-audit-bundle", filter: { email: person.email } });
    const events = lines.filter((line) => line.includes('"kind":"event"')).map((line) => JSON.parse(line));
    // createUser writes no event; the six sudo.granted are the person's.
    expect(events.map((event) => event.row.metadata.purpose)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(lines.some((line) => line.includes('"kind":"link"'))).toBe(true);
    const result = await verifyAuditBundle(lines);
    expect(result).toMatchObject({ ok: true, events: 6, broken: null, fingerprint: formatFingerprint(header.keyId) });
    expect(result.checkpoints).toBeGreaterThanOrEqual(3);
  });

  it("of everything verifies too", async () => {
    const lines = await exportBundle({} as AuditFilter);
    const total = await db.auditEvent.count();
    expect(await verifyAuditBundle(lines)).toMatchObject({ ok: true, events: total, links: 0 });
  });

  it("names what was tampered with", async () => {
    const lines = await exportBundle();
    const edit = (index: number, change: (value: Record<string, any>) => void) => {
      const copy = [...lines];
      const value = JSON.parse(copy[index]!);
      change(value);
      copy[index] = JSON.stringify(value);
      return copy;
    };
    const event = lineOf(lines, "event", 2);
    const eventId = JSON.parse(lines[event]!).row.id;
    expect((await verifyAuditBundle(edit(event, (value) => (value.row.ip = "192.0.2.1")))).broken).toMatchObject({ problem: "checkpoint_mismatch" });
    expect((await verifyAuditBundle(edit(event, (value) => (value.row.metadata.purpose = 9)))).ok).toBe(false);
    const link = lineOf(lines, "link");
    expect((await verifyAuditBundle(edit(link, (value) => (value.rowHash = "0".repeat(64))))).broken?.problem).toBe("checkpoint_mismatch");
    const checkpoint = lineOf(lines, "checkpoint");
    expect((await verifyAuditBundle(edit(checkpoint, (value) => (value.signature = Buffer.alloc(64).toString("base64"))))).broken?.problem).toBe("checkpoint_signature");
    // An event removed: the chain has a gap, or the count at the end disagrees.
    expect((await verifyAuditBundle(lines.filter((_, index) => index !== event))).ok).toBe(false);
    expect((await verifyAuditBundle(lines.slice(0, -1))).broken?.problem).toBe("incomplete");
    // Another key throughout (re-signed checkpoints) verifies, but shows another fingerprint.
    const other = signingKeyFrom(Buffer.alloc(32, 3).toString("base64"));
    const swapped = edit(0, (value) => (value.publicKey = other.publicKeyPem));
    expect((await verifyAuditBundle(swapped)).broken?.problem).toBe("key_mismatch");
    expect(eventId).toBeTruthy();
  });

  it("npm run audit:verify -- --bundle FILE: exit 0 and the fingerprint, 1 when tampered, 2 for bad usage", async () => {
    const lines = await exportBundle();
    const good = path.join(tmp, "good.jsonl");
    fs.writeFileSync(good, `${lines.join("\n")}\n`);
    const output: string[] = [];
    const out = { log: (line: string) => output.push(line), error: (line: string) => output.push(line) };
    expect(await main(["--bundle", good], out)).toBe(0);
    expect(output.join("\n")).toContain(JSON.parse(lines[0]!).keyId.slice(0, 4));
    const bad = path.join(tmp, "bad.jsonl");
    fs.writeFileSync(bad, lines.map((line) => line.replace(/"outcome":"success"/, '"outcome":"failure"')).join("\n"));
    output.length = 0;
    expect(await main(["--bundle", bad], out)).toBe(1);
    expect(output.join("\n")).toMatch(/BROKEN at line \d+: checkpoint_mismatch/);
    expect(await main(["--bundle"], out)).toBe(2);
    expect(await main(["--bundle", path.join(tmp, "none.jsonl")], out)).toBe(2);
  });
});

describe("npm run audit:verify (the database)", () => {
  it("seals, verifies, records the run; exit 1 naming the first broken event", async () => {
    await recordAudit(db, { type: "auth.sign_in" });
    const output: string[] = [];
    const out = { log: (line: string) => output.push(line), error: (line: string) => output.push(line) };
    expect(await main([], out, { close: false })).toBe(0);
    expect(output.join("\n")).toMatch(/1 events sealed now[\s\S]*OK: the chain verifies/);
    expect(await db.auditEvent.count({ where: { chainSeq: null } })).toBe(0);

    const victim = await db.auditEvent.findFirstOrThrow({ where: { chainSeq: 7n } });
    await tamper((tx) => tx.auditEvent.update({ where: { id: victim.id }, data: { ip: "192.0.2.99" } }));
    output.length = 0;
    expect(await main([], out, { close: false })).toBe(1);
    expect(output.join("\n")).toContain(`BROKEN: edited at chain position 7, event ${victim.id}`);
    expect(await db.auditVerification.findFirst({ orderBy: { createdAt: "desc" } })).toMatchObject({ ok: false, brokenEventId: victim.id, brokenSeq: 7n, problem: "edited", source: "cli" });
    await tamper((tx) => tx.auditEvent.update({ where: { id: victim.id }, data: { ip: victim.ip } }));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
