import { auditEvents } from "./spec";

/** account events. `fields`: the metadata keys an event may carry (none when absent). */
export const accountEvents = auditEvents({
  "account.created": { severity: "info" },
  "account.locale_changed": { severity: "info" },
  "account.secure_failed": { severity: "info" },
  "account.secured_by_owner": { severity: "warning" },
  "account.sign_up_attempted": { severity: "info" },
  "email.change_requested": { severity: "info" },
  "email.changed": { severity: "info" },
  "email.verification_sent": { severity: "info" },
  "email.verified": { severity: "info" },
  "notification.failed": { severity: "warning" },
});
