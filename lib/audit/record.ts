import crypto from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { parseDevice } from "@/lib/http/user-agent";
import { auditEventSpec, isAuditType, type AuditType } from "./catalogue";

export type AuditOutcome = "success" | "failure";

export type AuditInput = {
  /** A type of the event catalogue (lib/audit/catalogue.ts). */
  type: AuditType;
  outcome?: AuditOutcome;
  actorId?: string | null;
  subjectId?: string | null;
  projectId?: string | null;
  metadata?: Prisma.InputJsonObject;
  context?: RequestContext;
  /** When it happened; now by default. The application sets the time: the hash chain covers it. */
  at?: Date;
};

/** The stored row of an event: the one mapping both ways of writing below share. */
function auditRow(input: AuditInput) {
  // The type system already refuses an unknown type; this catches a cast or a computed one.
  if (!isAuditType(input.type)) throw new Error(`Unknown audit event type "${String(input.type)}": define it in lib/audit/events`);
  // Only the fields the catalogue declares: a new key (perhaps a secret) needs a reviewed line there first.
  const fields: readonly string[] = auditEventSpec(input.type).fields ?? [];
  for (const key of Object.keys(input.metadata ?? {})) {
    if (!fields.includes(key)) throw new Error(`Audit event "${input.type}" does not declare the field "${key}": add it to its fields in lib/audit/events`);
  }
  return {
    type: input.type,
    outcome: input.outcome ?? "success",
    actorId: input.actorId ?? null,
    // Undefined: the actor's own account. Null: about no account (an API call must not fill its key creator's security page).
    subjectId: input.subjectId === undefined ? (input.actorId ?? null) : input.subjectId,
    projectId: input.projectId ?? null,
    metadata: input.metadata ?? {},
    ip: input.context?.ip ?? null,
    userAgent: input.context?.userAgent ?? null,
    ...parseDevice(input.context?.userAgent),
  };
}

/** Writes one audit event. Pass the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...auditRow(input), createdAt: input.at ?? new Date() } });
}

/**
 * The same event as an INSERT for a statement that writes it together with the change it
 * records (lib/mfa/verify-second-factor.ts), so both land or neither without a transaction of
 * their own; written only when `gate` holds.
 */
export function auditInsertSql(input: AuditInput, at: Date, gate: Prisma.Sql): Prisma.Sql {
  const row = auditRow(input);
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("id", "createdAt", "type", "outcome", "actorId", "subjectId", "projectId", "metadata", "ip", "userAgent", "browserName", "osName")
    SELECT ${crypto.randomUUID()}, ${at}::timestamp(3), ${row.type}::text, ${row.outcome}::text, ${row.actorId}::text, ${row.subjectId}::text,
           ${row.projectId}::text, ${JSON.stringify(row.metadata)}::jsonb, ${row.ip}::text, ${row.userAgent}::text, ${row.browserName}::text, ${row.osName}::text
    WHERE ${gate}
    RETURNING 1`;
}
