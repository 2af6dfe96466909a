import { auditEvents } from "./spec";

/**
 * account events. `fields`: the metadata keys an event may carry (none when absent).
 * Email addresses are kept on purpose: who changed an address to which one is what an owner and
 * support need to see after a takeover, and an address is not a credential.
 */
export const accountEvents = auditEvents({
  "account.created": { severity: "info", fields: ["source"] },
  "account.locale_changed": { severity: "info", fields: ["locale"] },
  "account.secure_failed": { severity: "warning", fields: ["email", "emailHash", "reason", "method"] },
  "account.secured_by_owner": { severity: "critical", fields: ["sessionsEnded", "trustedComputersRevoked"] },
  "account.sign_up_attempted": { severity: "notice" },
  "email.change_requested": { severity: "notice", fields: ["from", "to"] },
  "email.changed": { severity: "warning", fields: ["from", "to"] },
  "email.verification_sent": { severity: "info", fields: ["email"] },
  "email.verified": { severity: "info", fields: ["email"] },
  "notification.failed": { severity: "warning", fields: ["template"] },
});
