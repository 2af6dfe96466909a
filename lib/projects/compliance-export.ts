import { createTranslator } from "next-intl";
import { csvCell } from "@/lib/csv/cell";
import type { Project } from "@/lib/db/generated/client";
import type { Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import type { ComplianceRow, ComplianceTable, MethodSummary } from "./compliance";

/** One CSV cell, formula-safe (lib/csv/cell.ts; the audit export uses it too). */
export { csvCell };

/**
 * The compliance table as GET /api/projects/<id>/compliance answers it: JSON for programs, or
 * CSV (?format=csv) for a spreadsheet, with its headings and words in the caller's language.
 * The same fields as the page, never more: method kinds and masked phone hints, no secrets.
 */

export function complianceJson(project: Pick<Project, "id" | "name" | "requiredLevel" | "secureMethodsOnly" | "graceEndsAt">, table: ComplianceTable) {
  return {
    project: {
      id: project.id,
      name: project.name,
      requiredLevel: project.requiredLevel,
      secureMethodsOnly: project.secureMethodsOnly,
      graceEndsAt: project.graceEndsAt?.toISOString() ?? null,
    },
    counts: {
      members: table.counts.members,
      compliant: table.counts.compliant,
      exempt: table.counts.exempt,
      grace: table.counts.grace,
      notCompliant: table.counts.not_compliant,
    },
    members: table.rows.map((row) => ({
      userId: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      twoFactor: row.twoFactor,
      methods: row.methods.map(({ type, count, hints }) => ({ type, count, ...(hints.length ? { hints } : {}) })),
      lastVerifiedAt: row.lastVerifiedAt?.toISOString() ?? null,
      compliance: row.compliance,
      until: row.until?.toISOString() ?? null,
      exemptReason: row.exemptReason,
      remindedAt: row.remindedAt?.toISOString() ?? null,
    })),
  };
}

/** "Security key ×2", "Text message (•• 42)": the kind's name in the reader's language, then the count and the masked hints. */
export function methodText(method: MethodSummary, name: string, several: (values: { method: string; count: number }) => string): string {
  const counted = method.count > 1 ? several({ method: name, count: method.count }) : name;
  return method.hints.length ? `${counted} (${method.hints.join(", ")})` : counted;
}

const COLUMNS = ["name", "email", "role", "twoFactor", "methods", "lastVerified", "compliance", "until", "exemptReason", "remindedAt"] as const;

export function complianceCsv(table: ComplianceTable, locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesByLocale[locale] });
  const iso = (date: Date | null) => date?.toISOString() ?? "";
  const cells = (row: ComplianceRow): Record<(typeof COLUMNS)[number], string> => ({
    name: row.name,
    email: row.email,
    role: t(`projects.roles.${row.role}`),
    twoFactor: t(`projectCompliance.twoFactor.${row.twoFactor}`),
    methods: row.methods.length ? row.methods.map((method) => methodText(method, t(`projectCompliance.methods.${method.type}`), (values) => t("projectCompliance.methods.several", values))).join("; ") : t("projectCompliance.methods.none"),
    lastVerified: row.lastVerifiedAt ? iso(row.lastVerifiedAt) : t("projectCompliance.never"),
    compliance: t(`projectCompliance.states.${row.compliance}`),
    until: iso(row.until),
    exemptReason: row.exemptReason ?? "",
    remindedAt: iso(row.remindedAt),
  });
  const lines = [COLUMNS.map((column) => t(`projectCompliance.csv.${column}`)), ...table.rows.map((row) => COLUMNS.map((column) => cells(row)[column]))];
  // A byte-order mark, so spreadsheets open the Japanese and German words as UTF-8; CRLF as RFC 4180 has it.
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
