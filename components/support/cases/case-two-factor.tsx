import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { TwoFactorStatus } from "@/lib/mfa/status";

/** The person's 2FA as it is now, so the handler sees what a reset would change. */
export async function CaseTwoFactor({ status, resetAt }: { status: TwoFactorStatus; resetAt: Date | null }) {
  const t = await getTranslations("supportCases.case.twoFactor");
  const counts = new Map<string, number>();
  for (const factor of status.factors) counts.set(factor.type, (counts.get(factor.type) ?? 0) + 1);
  const tone = status.state === "enabled" ? "green" : status.state === "expired" ? "amber" : "slate";
  const row = "flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2";
  return (
    <Card title={t("title")} description={<Badge tone={tone}>{t(`state.${status.state}`)}</Badge>}>
      <dl className="divide-y divide-slate-100 text-sm">
        <div className={row}>
          <dt className="font-medium text-slate-600">{t("methods")}</dt>
          <dd className="text-right">
            {counts.size === 0
              ? t("none")
              : [...counts].map(([type, count]) => `${t(`methodNames.${type as "totp" | "sms" | "voice" | "webauthn"}`)}${count > 1 ? ` ×${count}` : ""}`).join(", ")}
          </dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-600">{t("recoveryCodes")}</dt>
          <dd className="tabular-nums">{status.recoveryRemaining}</dd>
        </div>
      </dl>
      {status.lockedUntil && <p className="mt-2 text-sm text-amber-800">{t.rich("locked", { time: () => <LocalTime value={status.lockedUntil!.toISOString()} /> })}</p>}
      {resetAt && <p className="mt-2 text-sm text-slate-600">{t.rich("reset", { time: () => <LocalTime value={resetAt.toISOString()} /> })}</p>}
    </Card>
  );
}
