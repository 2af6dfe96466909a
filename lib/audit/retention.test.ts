import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealAuditEvents } from "./chain";
import { writeEvents } from "./chain-testing";
import { recordAudit } from "./record";
import { pruneAuditEvents } from "./retention";
import { verifyAuditChain } from "./verify";

const DAY = 86_400_000;
const NOW = new Date("2026-11-26T12:00:00.000Z");

describe("retention (AUDIT_RETENTION_DAYS)", () => {
  it("deletes the sealed prefix older than the window, anchored on a signed checkpoint; the rest stays verifiable", async () => {
    // 12 old events, then one recent, then 5 old ones sealed after it (createdAt is not monotonic in the chain).
    await writeEvents(12, new Date(NOW.getTime() - 100 * DAY));
    await sealAuditEvents(db, { batch: 4 });
    await recordAudit(db, { type: "auth.sign_in", at: new Date(NOW.getTime() - DAY) });
    await writeEvents(5, new Date(NOW.getTime() - 200 * DAY));
    await sealAuditEvents(db, { batch: 4 });

    expect(await pruneAuditEvents(db, NOW)).toEqual({ pruned: 0, throughSeq: null, cutoff: null }); // unset: keep forever
    const result = await pruneAuditEvents(db, NOW, { days: 30, batch: 5 });
    // Checkpoints at 4, 8, 12, 16, 18: pruning stops at 12, the last one before the recent event at 13.
    expect(result).toMatchObject({ pruned: 12, throughSeq: 12n });
    expect(await db.auditEvent.count({ where: { chainSeq: { lte: 12n } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { chainSeq: { gt: 12n } } })).toBe(6);
    const anchors = await db.auditAnchor.findMany({ orderBy: { chainSeq: "asc" } });
    expect(anchors.map((anchor) => [anchor.chainSeq, anchor.pruned])).toEqual([[4n, 4], [8n, 4], [12n, 4]]);
    expect(await db.auditCheckpoint.count({ where: { chainSeq: { lt: 12n } } })).toBe(0);
    const pruned = await db.auditEvent.findMany({ where: { type: "audit.pruned" }, orderBy: { txid: "asc" } });
    expect(pruned.map((event) => event.metadata)).toEqual([
      expect.objectContaining({ pruned: 4, throughSeq: "4", retentionDays: 30 }),
      expect.objectContaining({ pruned: 4, throughSeq: "8" }),
      expect.objectContaining({ pruned: 4, throughSeq: "12" }),
    ]);

    await sealAuditEvents(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, fromSeq: 12n, checked: 9, lastSeq: 21n });
    // Nothing more is old enough at its start: a second run prunes nothing.
    expect(await pruneAuditEvents(db, NOW, { days: 30 })).toMatchObject({ pruned: 0 });
  });

  it("an anchor no checkpoint signed is refused", async () => {
    await db.auditAnchor.create({ data: { chainSeq: 15n, chainHash: "e".repeat(64), pruned: 3 } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, broken: { eventId: null, seq: 15n, problem: "anchor_unverified" } });
    await db.auditAnchor.deleteMany({ where: { chainSeq: 15n } });
  });
});
