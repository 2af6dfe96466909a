import { auditEvents } from "./spec";

/** projects events. `fields`: the metadata keys an event may carry (none when absent). */
export const projectsEvents = auditEvents({
  "project.created": { severity: "info" },
  "project.deleted": { severity: "info" },
  "project.enforcement_blocked": { severity: "warning" },
  "project.enforcement_enrolled": { severity: "info" },
  "project.exemption_granted": { severity: "info" },
  "project.exemption_revoked": { severity: "info" },
  "project.grace_notified": { severity: "info" },
  "project.invitation_revoked": { severity: "info" },
  "project.member_invited": { severity: "info" },
  "project.member_joined": { severity: "info" },
  "project.member_left": { severity: "info" },
  "project.member_removed": { severity: "info" },
  "project.ownership_transferred": { severity: "info" },
  "project.policy_changed": { severity: "info" },
  "project.reminder_sent": { severity: "info" },
  "project.renamed": { severity: "info" },
  "project.role_changed": { severity: "info" },
});
