import crypto from "node:crypto";

/**
 * The chain's canonical form of a stored audit event (issue 11 §2). It is computed from the row
 * as read back from the database (jsonb normalises the metadata: key order, number spelling), so
 * the sealer, the verifier and an exported bundle all hash the same bytes.
 *
 *   canonical  = JSON.stringify([1, id, createdAt ISO (ms, UTC), type, outcome, actorId,
 *                subjectId, projectId, ip, userAgent, browserName, osName, metadata])
 *                with the metadata's object keys sorted recursively; absent values are null
 *   rowHash    = sha256_hex(canonical)
 *   chainHash  = sha256_hex("tessera-audit-v1\n" + seq + "\n" + previous chainHash + "\n" + rowHash)
 *
 * `seq` is the event's chain position in decimal (1, 2, …); the first event's previous hash is
 * GENESIS_HASH, or after retention the anchor's chainHash (lib/audit/retention.ts). An array
 * keeps the field order fixed and the separators unambiguous (JSON escapes every string).
 */
export const CANONICAL_VERSION = 1;
export const GENESIS_HASH = "0".repeat(64);
const CHAIN_DOMAIN = "tessera-audit-v1";

/** The hashed fields of an event, as read from the database or from a bundle (createdAt as ISO text there). */
export type ChainedRow = {
  id: string;
  createdAt: Date | string;
  type: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  projectId: string | null;
  ip: string | null;
  userAgent: string | null;
  browserName: string | null;
  osName: string | null;
  metadata: unknown;
};

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

const isoTime = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function canonicalEvent(row: ChainedRow): string {
  return JSON.stringify([
    CANONICAL_VERSION,
    row.id,
    isoTime(row.createdAt),
    row.type,
    row.outcome,
    row.actorId ?? null,
    row.subjectId ?? null,
    row.projectId ?? null,
    row.ip ?? null,
    row.userAgent ?? null,
    row.browserName ?? null,
    row.osName ?? null,
    sortKeys(row.metadata ?? {}),
  ]);
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

export const rowHash = (row: ChainedRow): string => sha256(canonicalEvent(row));

export function chainHash(seq: bigint, previous: string, row: string): string {
  return sha256(`${CHAIN_DOMAIN}\n${seq}\n${previous}\n${row}`);
}

/** The columns every chain reader selects (sealer, verifier, bundle). */
export const CHAINED_COLUMNS = `"id", "createdAt", "type", "outcome", "actorId", "subjectId", "projectId", "ip", "userAgent", "browserName", "osName", "metadata"`;

/** A row as a bundle carries it: plain JSON. */
export function rowJson(row: ChainedRow): ChainedRow {
  return {
    id: row.id,
    createdAt: isoTime(row.createdAt),
    type: row.type,
    outcome: row.outcome,
    actorId: row.actorId ?? null,
    subjectId: row.subjectId ?? null,
    projectId: row.projectId ?? null,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
    browserName: row.browserName ?? null,
    osName: row.osName ?? null,
    metadata: row.metadata ?? {},
  };
}
