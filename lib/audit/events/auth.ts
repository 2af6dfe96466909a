import { auditEvents } from "./spec";

/** auth events. `fields`: the metadata keys an event may carry (none when absent). */
export const authEvents = auditEvents({
  "auth.password_verified": { severity: "info", fields: ["sessionId", "method", "next"] },
  // A failed sign-in carries the typed address only when it names an account, else its keyed hash.
  "auth.sign_in": { severity: "info", fields: ["sessionId", "previousSessionId", "method", "purpose", "trustedComputerId", "email", "emailHash", "reason"] },
  "auth.sign_in_blocked": { severity: "warning", fields: ["until"] },
  "password.changed": { severity: "notice", fields: ["otherSessionsSignedOut", "via", "sessionsEnded", "trustedComputersRevoked"] },
  "password.reset": { severity: "notice", fields: ["sessionsEnded"] },
  "password.reset_requested": { severity: "info" },
  "password.reset_required": { severity: "critical", fields: ["failures"] },
  "session.revoked": { severity: "info", fields: ["sessionId", "reason"] },
  "session.revoked_others": { severity: "notice", fields: ["count"] },
  "sudo.failed": { severity: "notice", fields: ["email", "emailHash", "reason", "method"] },
  "sudo.granted": { severity: "info", fields: ["method", "purpose", "sessionId"] },
});
