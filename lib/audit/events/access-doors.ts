import { auditEvents } from "./spec";

/**
 * Doors, their schedules and door checks (lib/access/doors.ts, door-check.ts). Every event may
 * carry `apiKeyId` when an API key acted (lib/access/permissions.ts auditActor). A door check
 * never carries the typed code or its digest (DESIGN rule 11): only its outcome and reason.
 */
export const accessDoorsEvents = auditEvents({
  "access.door_created": { severity: "info", fields: ["doorId", "name", "windows", "apiKeyId", "source"] },
  "access.door_updated": { severity: "notice", fields: ["doorId", "name", "from", "to", "windows", "schedule", "apiKeyId"] },
  "access.door_deleted": { severity: "notice", fields: ["doorId", "name", "apiKeyId"] },
  "access.time_zone_changed": { severity: "notice", fields: ["from", "to", "apiKeyId"] },
  "access.settings_changed": { severity: "warning", fields: ["accessRequiresTwoFactor", "apiKeyId"] },
  "access.door_checked": { severity: "info", fields: ["doorId", "reason", "mode", "accessUserId", "facility", "cardNumber", "apiKeyId"] },
  "access.door_locked": { severity: "warning", fields: ["doorId", "accessUserId", "facility", "cardNumber", "failures", "lockedUntil", "apiKeyId"] },
});
