import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { normalizeEmail } from "@/lib/auth/email";
import { isPlainText } from "@/lib/validation/plain-text";
import { AUDIT_TYPES } from "@/lib/audit/catalogue";

/**
 * The support console's audit search (issue 11 §4), as the page's query string carries it; the
 * same filter drives the page, Export CSV / JSON and Export audit bundle.
 * Owned by the console (lib/support/audit-search.ts); its fields and names are the contract.
 */
/** A day of the calendar PostgreSQL can hold: 2026-13-01 (no date), 2026-02-31 (another day) and year 0000 were 500s. */
const realDay = (value: string) => {
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value) && day.getUTCFullYear() >= 1;
};
const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date").refine(realDay, "validation.date").optional().or(z.literal("").transform(() => undefined));

export const auditFilterSchema = z.object({
  email: z.string().trim().max(254).refine(isPlainText, "validation.invalid").optional().transform((value) => (value ? normalizeEmail(value) : undefined)),
  projectId: z.string().trim().uuid("validation.invalid").optional().or(z.literal("").transform(() => undefined)),
  type: z.enum(AUDIT_TYPES as [string, ...string[]], { message: "validation.eventType" }).optional().or(z.literal("").transform(() => undefined)),
  outcome: z.enum(["success", "failure"]).optional().or(z.literal("").transform(() => undefined)),
  ip: z.string().trim().max(64).regex(/^[0-9a-fA-F.:]*$/, "validation.invalid").optional().transform((value) => value || undefined),
  /** Days (UTC), both included. */
  from: date,
  to: date,
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** From a URL's search params (a page's or a route's). */
export function auditFilterFromParams(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return typeof value === "string" ? value : undefined;
  };
  return auditFilterSchema.safeParse(Object.fromEntries(["email", "projectId", "type", "outcome", "ip", "from", "to"].map((key) => [key, get(key)])));
}

/**
 * The filter as conditions on "AuditEvent" (aliased `alias`), for the console's page, its exports
 * and the audit bundle. An email matches the person the events concern (subjectId); an unknown
 * email matches nothing. Dates are UTC days, both ends included.
 */
export function auditFilterSql(filter: AuditFilter, alias = '"AuditEvent"'): Prisma.Sql {
  const table = Prisma.raw(alias);
  const conditions: Prisma.Sql[] = [];
  if (filter.email) conditions.push(Prisma.sql`${table}."subjectId" = (SELECT "id" FROM "User" WHERE "email" = ${filter.email})`);
  if (filter.projectId) conditions.push(Prisma.sql`${table}."projectId" = ${filter.projectId}`);
  if (filter.type) conditions.push(Prisma.sql`${table}."type" = ${filter.type}`);
  if (filter.outcome) conditions.push(Prisma.sql`${table}."outcome" = ${filter.outcome}`);
  if (filter.ip) conditions.push(Prisma.sql`${table}."ip" = ${filter.ip}`);
  if (filter.from) conditions.push(Prisma.sql`${table}."createdAt" >= ${new Date(`${filter.from}T00:00:00.000Z`)}`);
  if (filter.to) conditions.push(Prisma.sql`${table}."createdAt" < ${new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000)}`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}
