import { auditEvents } from "./spec";

/** auth events. `fields`: the metadata keys an event may carry (none when absent). */
export const authEvents = auditEvents({
  "auth.password_verified": { severity: "info" },
  "auth.sign_in": { severity: "info" },
  "auth.sign_in_blocked": { severity: "warning" },
  "password.changed": { severity: "info" },
  "password.reset": { severity: "info" },
  "password.reset_requested": { severity: "info" },
  "password.reset_required": { severity: "warning" },
  "session.revoked": { severity: "info" },
  "session.revoked_others": { severity: "info" },
  "sudo.failed": { severity: "info" },
  "sudo.granted": { severity: "info" },
});
