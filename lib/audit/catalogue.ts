import { accessDoorsEvents } from "./events/access-doors";
import { accessEvents } from "./events/access";
import { accessImportEvents } from "./events/access-import";
import { accountEvents } from "./events/account";
import { apiEvents } from "./events/api";
import { auditLogEvents } from "./events/audit-log";
import { authEvents } from "./events/auth";
import { mfaEvents } from "./events/mfa";
import { projectsEvents } from "./events/projects";
import { supportCasesEvents } from "./events/support-cases";
import { supportConsoleEvents } from "./events/support-console";
import { supportResetEvents } from "./events/support-reset";
import type { AuditEventSpec } from "./events/spec";

export type { AuditEventSpec, AuditSeverity } from "./events/spec";

/**
 * Every audit event type, defined once: its severity and the metadata fields it carries. Its
 * words are messages/<locale>/audit.json at the type's path. recordAudit refuses anything else.
 */
export const AUDIT_EVENTS = {
  ...accountEvents,
  ...authEvents,
  ...mfaEvents,
  ...projectsEvents,
  ...supportResetEvents,
  ...supportCasesEvents,
  ...auditLogEvents,
  ...supportConsoleEvents,
  ...apiEvents,
  ...accessDoorsEvents,
  ...accessEvents,
  ...accessImportEvents,
} satisfies Record<string, AuditEventSpec>;

export type AuditType = keyof typeof AUDIT_EVENTS;

export const AUDIT_TYPES = Object.keys(AUDIT_EVENTS) as AuditType[];

export function isAuditType(type: string): type is AuditType {
  return Object.hasOwn(AUDIT_EVENTS, type);
}

export function auditEventSpec(type: AuditType): AuditEventSpec {
  return AUDIT_EVENTS[type];
}
