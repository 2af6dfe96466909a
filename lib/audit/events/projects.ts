import { auditEvents } from "./spec";

/**
 * projects events. `fields`: the metadata keys an event may carry (none when absent). `source`
 * and `via` mark rows written by the demo seed and the development-only setup route.
 */
export const projectsEvents = auditEvents({
  "project.created": { severity: "info", fields: ["name", "source"] },
  "project.deleted": { severity: "warning", fields: ["name", "members"] },
  "project.enforcement_blocked": { severity: "notice", fields: ["need", "via", "requiredLevel", "secureMethodsOnly"] },
  "project.enforcement_enrolled": { severity: "info", fields: ["method", "requiredLevel", "secureMethodsOnly"] },
  "project.exemption_granted": { severity: "warning", fields: ["days", "until", "reason", "replaced"] },
  "project.exemption_revoked": { severity: "notice", fields: ["until", "reason"] },
  "project.grace_notified": { severity: "info", fields: ["day", "recipients", "graceEndsAt"] },
  "project.invitation_revoked": { severity: "info", fields: ["invitationId", "email", "role", "reason"] },
  "project.member_invited": { severity: "notice", fields: ["invitationId", "email", "role", "replaced"] },
  "project.member_joined": { severity: "notice", fields: ["role", "invitationId", "invitedById", "via", "source"] },
  "project.member_left": { severity: "info", fields: ["role"] },
  "project.member_removed": { severity: "notice", fields: ["role"] },
  "project.ownership_transferred": { severity: "warning", fields: ["from", "to", "previousRole"] },
  "project.policy_changed": { severity: "warning", fields: ["from", "to", "blocked", "grace", "requiredLevel", "secureMethodsOnly", "via"] },
  "project.reminder_sent": { severity: "info", fields: ["compliance", "requiredLevel", "secureMethodsOnly", "toAll"] },
  "project.renamed": { severity: "info", fields: ["from", "to"] },
  "project.role_changed": { severity: "notice", fields: ["from", "to"] },
});
