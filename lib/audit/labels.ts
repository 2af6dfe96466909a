import { auditEventSpec, isAuditType, type AuditSeverity } from "./catalogue";

/**
 * Plain words for audit event types, for the person's own security log and the support
 * console. The words live in messages/<locale>/audit.json, nested by the type's parts
 * ("two_factor.enabled" → audit.two_factor.enabled); a type without words shows as itself.
 */
type AuditTranslator = {
  (key: never): string;
  has(key: never): boolean;
};

const TYPE = /^[a-z0-9_]+\.[a-z0-9_]+$/;

/** The audit.json key for an event, failed sign-ins apart from successful ones. */
export function auditLabelKey(type: string, outcome: string): string {
  return type === "auth.sign_in" && outcome === "failure" ? "auth.sign_in_failed" : type;
}

/** `t` is `useTranslations("audit")` / `getTranslations("audit")`. */
export function auditLabel(t: AuditTranslator, type: string, outcome: string): string {
  const key = auditLabelKey(type, outcome) as never;
  return TYPE.test(key) && t.has(key) ? t(key) : type;
}

/** The catalogue's severity of a stored type; null for a type the catalogue no longer defines. */
export function auditSeverity(type: string): AuditSeverity | null {
  return isAuditType(type) ? auditEventSpec(type).severity : null;
}
