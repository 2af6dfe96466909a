/**
 * The shape of the event catalogue (lib/audit/catalogue.ts). Each area of the product defines
 * its events in one file here; a type not defined in a file cannot be written.
 */
export type AuditSeverity = "info" | "notice" | "warning" | "critical";

export interface AuditEventSpec {
  severity: AuditSeverity;
  /** The metadata keys the event may carry. None when absent. Never a secret, code, token or typed password. */
  fields?: readonly string[];
}

export function auditEvents<const T extends Record<string, AuditEventSpec>>(events: T): T {
  return events;
}
