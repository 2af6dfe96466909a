import { db } from "@/lib/db";

export type OutboxChannel = "email" | "sms" | "voice";

export type OutboxEntry = { channel: OutboxChannel; to: string; subject: string; text: string; html?: string };

/** Stores a message instead of delivering it; the /dev/outbox page and tests read it back. */
export function writeOutboxMessage(entry: OutboxEntry) {
  return db.outboxMessage.create({ data: entry });
}

/** Newest first, across channels. */
export function listOutbox(limit = 50) {
  return db.outboxMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(Math.trunc(limit), 1), 500),
  });
}

/** The newest message sent to an address (case-insensitive), or null. */
export function latestOutboxMessage(to: string, channel: OutboxChannel = "email") {
  return db.outboxMessage.findFirst({
    where: { channel, to: { equals: to.trim(), mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
  });
}
