import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { NEXT_STEP_HREF, type Finding, type Readiness } from "@/lib/mfa/readiness";

const TONE = { good: "green", fair: "amber", poor: "red" } as const;

/**
 * Recovery readiness on the Security page (lib/mfa/readiness.ts): the rating in words and as a
 * badge, then each finding with the one step that fixes it, linked to the card where it is done.
 * A server component: nothing here needs the browser.
 */
export async function RecoveryReadinessCard({ readiness }: { readiness: Readiness }) {
  const t = await getTranslations("readiness.card");
  const { rating, findings } = readiness;
  const describe = (finding: Finding) => {
    switch (finding.code) {
      case "no_recovery_codes":
        return t("findings.no_recovery_codes");
      case "few_recovery_codes":
        return t("findings.few_recovery_codes", { count: finding.count ?? 0 });
      case "one_device":
        return t("findings.one_device", { step: finding.step });
      case "phone_only":
        return t("findings.phone_only");
      case "email_unverified":
        return t("findings.email_unverified");
    }
  };
  return (
    <Card title={t("title")} description={t("description")} actions={
        <span className="flex items-center gap-2 text-sm text-slate-600">
          {t("ratingLabel")} <Badge tone={TONE[rating]}>{t("rating", { rating })}</Badge>
        </span>
      }
    >
      <div className="space-y-4 text-sm">
        <p className="text-slate-700" data-testid="readiness-summary">
          {t(`summary.${rating}`)}
        </p>
        {findings.length > 0 && (
          <ol aria-label={t("findingsLabel")} className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
            {findings.map((finding) => (
              <li key={finding.code} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
                <p className="min-w-0 text-slate-800">
                  {finding.severity === "critical" && (
                    <span className="me-2 align-middle">
                      <Badge tone="red">{t("urgent")}</Badge>
                    </span>
                  )}
                  {describe(finding)}
                </p>
                <a
                  href={NEXT_STEP_HREF[finding.step]}
                  className="shrink-0 rounded-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                >
                  {t(`steps.${finding.step}`)}
                  {/* A no-break space: the arrow never wraps onto a line of its own. */}
                  <span aria-hidden="true">{"\u00a0→"}</span>
                </a>
              </li>
            ))}
          </ol>
        )}
        {rating === "poor" && <p className="text-xs text-slate-500">{t("reminder")}</p>}
      </div>
    </Card>
  );
}
