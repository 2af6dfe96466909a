import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { ChainStatus } from "@/lib/audit/verify-status";
import { CHAIN_PROBLEMS, type ChainProblem } from "@/lib/audit/verify";

/** The last verification: when, by what, the verdict, and the first broken event linked. */
export async function LastVerification({ verification }: { verification: ChainStatus["lastVerification"] }) {
  const t = await getTranslations("auditChain.verification");
  if (!verification) return <p className="text-sm text-slate-600">{t("never")}</p>;
  const source = (["cli", "console", "job"] as const).find((value) => value === verification.source) ?? "job";
  const problem = CHAIN_PROBLEMS.find((value) => value === verification.problem) as ChainProblem | undefined;
  return (
    <div className="space-y-2 text-sm" data-testid="audit-last-verification">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={verification.ok ? "green" : "red"}>{verification.ok ? t("ok") : t("broken")}</Badge>
        <span className="text-slate-700">
          {t.rich("when", { source: t(`source.${source}`), time: () => <LocalTime value={verification.createdAt.toISOString()} /> })}
        </span>
      </p>
      <p className="text-slate-700">{t("checked", { count: verification.checked, seq: (verification.lastSeq ?? 0n).toString() })}</p>
      {!verification.ok && verification.brokenSeq !== null && (
        <div className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
          <p className="font-medium">
            {verification.brokenEventId ? t("brokenAt", { seq: verification.brokenSeq.toString() }) : t("brokenNoEvent", { seq: verification.brokenSeq.toString() })}
          </p>
          {problem && <p className="mt-1">{t(`problem.${problem}`)}</p>}
          {verification.brokenEventId && (
            <Link href={`/support/events/${verification.brokenEventId}`} className="mt-1 inline-block font-medium underline underline-offset-2">
              {t("open")}
              <span className="ml-1 font-mono text-xs break-all">{verification.brokenEventId}</span>
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
