import { db } from "@/lib/db";

/** The person's own recent security events, newest first. */
export function listOwnSecurityEvents(userId: string, take = 20) {
  return db.auditEvent.findMany({
    where: { subjectId: userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, type: true, outcome: true, ip: true, userAgent: true, browserName: true, osName: true, createdAt: true },
  });
}
