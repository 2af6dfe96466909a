import { z } from "zod";
import { timestamp } from "./common";

/** GET /compliance: the compliance view's JSON (lib/projects/compliance-export.ts complianceJson). */
export const complianceResponse = z.object({
  project: z.object({
    id: z.uuid(),
    name: z.string(),
    requiredLevel: z.enum(["disabled", "once_per_computer", "every_login"]),
    secureMethodsOnly: z.boolean(),
    graceEndsAt: timestamp.nullable(),
  }),
  counts: z.object({ members: z.number().int(), compliant: z.number().int(), exempt: z.number().int(), grace: z.number().int(), notCompliant: z.number().int() }),
  members: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["owner", "admin", "member"]),
      twoFactor: z.enum(["not_enabled", "enabled", "expired"]),
      methods: z.array(z.object({ type: z.enum(["totp", "sms", "voice", "webauthn"]), count: z.number().int(), hints: z.array(z.string()).optional() })),
      lastVerifiedAt: timestamp.nullable(),
      compliance: z.enum(["compliant", "exempt", "grace", "not_compliant"]),
      until: timestamp.nullable(),
      exemptReason: z.string().nullable(),
      remindedAt: timestamp.nullable(),
    }),
  ),
});

/** GET /audit-events: the project's events, newest first. */
export const auditEventsQuery = z.object({
  cursor: z.string().min(1).max(200).optional().describe("The previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/).max(100).optional().describe("Only events of this type, e.g. api.key_created"),
});

export const auditEvent = z.object({
  id: z.string(),
  createdAt: timestamp,
  type: z.string(),
  outcome: z.enum(["success", "failure"]),
  actorId: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
});

export const auditEventsResponse = z.object({ events: z.array(auditEvent), nextCursor: z.string().nullable() });
