import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { TwoFactorState } from "@/lib/mfa/status";
import type { ComplianceState } from "@/lib/policy/project";
import { needsReminder, type ComplianceRow } from "@/lib/projects/compliance";
import { methodText } from "@/lib/projects/compliance-export";
import { ReminderButton } from "./reminder-forms";

const TWO_FACTOR_TONE: Record<TwoFactorState, "slate" | "green" | "amber"> = { not_enabled: "slate", enabled: "green", expired: "amber" };
const COMPLIANCE_TONE: Record<ComplianceState, "green" | "slate" | "amber" | "red"> = { compliant: "green", exempt: "slate", grace: "amber", not_compliant: "red" };

/**
 * One row per member (data-testid="project-members"): who, role, 2FA state, methods by kind,
 * last verification, compliance, and "Send reminder" for those who do not comply.
 */
export async function MembersTable({ projectId, rows, viewerId }: { projectId: string; rows: ComplianceRow[]; viewerId: string }) {
  const [t, projects] = await Promise.all([getTranslations("projectCompliance"), getTranslations("projects")]);
  const time = (value: Date, style: "date" | "datetime") => () => <LocalTime value={value.toISOString()} style={style} />;
  return (
    <div className="overflow-x-auto">
      <table data-testid="project-members" className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.member")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.role")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.twoFactor")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.methods")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.lastVerified")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("table.compliance")}</th>
            <th scope="col" className="py-2 font-medium">{t("table.reminder")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.userId} data-member={row.email} className="align-top">
              <th scope="row" className="min-w-[12.5rem] py-3 pr-4 font-normal">
                <span className="block font-medium break-words text-slate-900">
                  {row.name} {row.userId === viewerId && <span className="font-normal text-slate-500">{t("you")}</span>}
                </span>
                <span className="block break-all text-slate-600">{row.email}</span>
              </th>
              <td className="py-3 pr-4 whitespace-nowrap">{projects(`roles.${row.role}`)}</td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <span title={row.twoFactor === "expired" ? t("expiredHint") : undefined}>
                  <Badge tone={TWO_FACTOR_TONE[row.twoFactor]}>{t(`twoFactor.${row.twoFactor}`)}</Badge>
                </span>
              </td>
              <td className="py-3 pr-4">
                {row.methods.length === 0 ? (
                  <span className="text-slate-500">{t("methods.none")}</span>
                ) : (
                  <ul>
                    {row.methods.map((method) => (
                      <li key={method.type} className="whitespace-nowrap">
                        {methodText(method, t(`methods.${method.type}`), (values) => t("methods.several", values))}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-3 pr-4 whitespace-nowrap text-slate-700">
                {row.lastVerifiedAt ? <LocalTime value={row.lastVerifiedAt.toISOString()} /> : t("never")}
              </td>
              <td className="py-3 pr-4">
                <Badge tone={COMPLIANCE_TONE[row.compliance]}>
                  {/* One span: the badge is a flex box, which would drop the space before the date. */}
                  <span>
                    {row.until && (row.compliance === "exempt" || row.compliance === "grace")
                      ? t.rich(`statesUntil.${row.compliance}`, { time: time(row.until, "date") })
                      : t(`states.${row.compliance}`)}
                  </span>
                </Badge>
                {row.exemptReason && <span className="mt-1 block max-w-[16rem] break-words whitespace-normal text-xs text-slate-600">{t("exemptReason", { reason: row.exemptReason })}</span>}
              </td>
              <td className="py-3">
                {needsReminder(row.compliance) ? (
                  <div className="space-y-1">
                    <ReminderButton projectId={projectId} userId={row.userId} label={t("remind.button")} accessibleLabel={t("remind.buttonFor", { name: row.name })} />
                    {row.remindedAt && <span className="block text-xs text-slate-600">{t.rich("remind.reminded", { time: time(row.remindedAt, "datetime") })}</span>}
                  </div>
                ) : (
                  <span className="text-slate-500">{t("remind.notNeeded")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
