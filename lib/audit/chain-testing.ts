import { db, type Tx } from "@/lib/db";
import { recordAudit } from "./record";

/** Test helpers for the chain: events to seal, and tampering past the append-only triggers. */

/** `count` events with varied fields, each in its own transaction (as the app writes them). */
export async function writeEvents(count: number, at = new Date("2026-11-20T10:00:00.123Z")) {
  for (let index = 0; index < count; index++) {
    await recordAudit(db, {
      type: index % 2 ? "auth.sign_in" : "sudo.granted",
      outcome: index % 3 ? "success" : "failure",
      metadata: { purpose: index, method: { z: "last", y: [1, "two", { d: null, c: true }] } },
      context: { ip: `203.0.113.${index % 250}`, userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0" },
      at: new Date(at.getTime() + index * 1000),
    });
  }
}

/** Runs `change` with the triggers off (session_replication_role = replica), as an attacker with the database's superuser would. */
export function tamper<T>(change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    return change(tx);
  });
}

export async function eventAt(seq: bigint | number) {
  return db.auditEvent.findUniqueOrThrow({ where: { chainSeq: BigInt(seq) } });
}
