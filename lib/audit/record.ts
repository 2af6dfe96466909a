import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { parseDevice } from "@/lib/http/user-agent";

export type AuditOutcome = "success" | "failure";

export type AuditInput = {
  type: string;
  outcome?: AuditOutcome;
  actorId?: string | null;
  subjectId?: string | null;
  projectId?: string | null;
  metadata?: Prisma.InputJsonObject;
  context?: RequestContext;
};

/** Writes one audit event. Pass the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      type: input.type,
      outcome: input.outcome ?? "success",
      actorId: input.actorId ?? null,
      subjectId: input.subjectId ?? input.actorId ?? null,
      projectId: input.projectId ?? null,
      metadata: input.metadata ?? {},
      ip: input.context?.ip ?? null,
      userAgent: input.context?.userAgent ?? null,
      ...parseDevice(input.context?.userAgent),
    },
  });
}
