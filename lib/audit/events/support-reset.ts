import { auditEvents } from "./spec";

/**
 * Assisted 2FA reset and Require password change (issue 11 §5). `fields`: the metadata keys an
 * event may carry. The reason is the admin's own words; the temporary access code never appears.
 */
export const supportResetEvents = auditEvents({
  "support.two_factor_reset_requested": { severity: "warning", fields: ["resetId", "reason", "lifetimeHours", "requestedById", "caseId"] },
  "support.two_factor_reset_approved": { severity: "warning", fields: ["resetId", "reason", "lifetimeHours", "requestedById", "approvedById", "caseId"] },
  "support.two_factor_reset_refused": { severity: "notice", fields: ["resetId", "reason", "requestedById", "refusedById", "caseId"] },
  "support.two_factor_reset_withdrawn": { severity: "notice", fields: ["resetId", "reason", "requestedById", "caseId"] },
  "support.two_factor_reset": {
    severity: "critical",
    fields: ["resetId", "reason", "lifetimeHours", "requestedById", "approvedById", "caseId", "expiresAt", "factorsRemoved", "recoveryCodesRemoved", "sessionsEnded", "trustedComputersRevoked", "codesRevoked"],
  },
  "support.temporary_code_used": { severity: "warning", fields: ["codeId", "caseId"] },
  "support.password_change_required": { severity: "warning", fields: ["reason", "requestedById", "sessionsEnded", "caseId"] },
});
