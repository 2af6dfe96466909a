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
/** An empty field (the form sends every field) is no filter. */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const date = z.preprocess(blank, z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  // A real calendar day: 2026-02-30 is refused, not rolled into March.
  .refine((day) => { const at = new Date(`${day}T00:00:00.000Z`); return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(day) && at.getUTCFullYear() >= 1; }, "validation.date")
  .optional());

export const auditFilterSchema = z.object({
  email: z.string().trim().max(254).refine(isPlainText, "validation.invalid").optional().transform((value) => (value ? normalizeEmail(value) : undefined)),
  projectId: z.preprocess(blank, z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "validation.invalid").optional()),
  type: z.preprocess(blank, z.enum(AUDIT_TYPES as [string, ...string[]], { message: "validation.eventType" }).optional()),
  outcome: z.preprocess(blank, z.enum(["success", "failure"], { message: "validation.invalid" }).optional()),
  ip: z.string().trim().max(64).regex(/^[0-9a-fA-F.:]*$/, "validation.invalid").optional().transform((value) => value || undefined),
  /** Days (UTC), both included. */
  from: date,
  to: date,
}).superRefine((filter, context) => {
  // Words in support.json (filterProblems); the console shows them beside the "to" field.
  if (filter.from && filter.to && filter.from > filter.to) context.addIssue({ code: "custom", path: ["to"], message: "dateOrder" });
});

/** Every field optional (an empty filter is everything), as parsed or as code builds it. */
export type AuditFilter = Partial<z.infer<typeof auditFilterSchema>>;

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
  // As UTC text cast to the column's type: a Date parameter would be sent in the process's time zone by some drivers.
  if (filter.from) conditions.push(Prisma.sql`${table}."createdAt" >= ${dayStart(filter.from)}::timestamp(3)`);
  if (filter.to) conditions.push(Prisma.sql`${table}."createdAt" < ${dayStart(filter.to, 1)}::timestamp(3)`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/** The start of a UTC day (YYYY-MM-DD), `plusDays` later, as an ISO string. */
export function dayStart(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + plusDays * 86_400_000).toISOString();
}
