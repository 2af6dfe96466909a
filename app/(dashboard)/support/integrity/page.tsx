import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { LastVerification } from "@/components/support/integrity/last-verification";
import { PublicKey } from "@/components/support/integrity/public-key";
import { VerifyNowButton } from "@/components/support/integrity/verify-now-button";
import { loadChainStatus } from "@/lib/audit/verify-status";
import { supportPage } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auditChain");
  return { title: t("title") };
}

/** The audit chain's state (issue 11 §2, §7, §8): last verification, head, checkpoints, retention, key. */
export default async function IntegrityPage() {
  await supportPage();
  const [status, t] = await Promise.all([loadChainStatus(), getTranslations("auditChain")]);
  const row = "flex flex-col gap-0.5 sm:flex-row sm:justify-between sm:gap-4";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card
          title={t("verification.title")}
          actions={
            <ClientMessages namespaces={[...FORM_MESSAGES, "auditChain.verifyNow"]}>
              <VerifyNowButton />
            </ClientMessages>
          }
        >
          <LastVerification verification={status.lastVerification} />
        </Card>
        <Card title={t("chain.title")}>
          <dl className="space-y-3 text-sm">
            <div className={row}>
              <dt className="text-slate-600">{t("chain.head")}</dt>
              <dd className="font-medium text-slate-900">{status.head?.chainSeq?.toString() ?? t("chain.none")}</dd>
            </div>
            {status.head && (
              <div className={row}>
                <dt className="text-slate-600">{t("chain.newest")}</dt>
                <dd className="text-slate-900"><LocalTime value={status.head.createdAt.toISOString()} /></dd>
              </div>
            )}
            <div className={row}>
              <dt className="text-slate-600">
                {t("chain.unsealed")}
                <span className="block text-xs text-slate-500">{t("chain.unsealedHelp")}</span>
              </dt>
              <dd className="font-medium text-slate-900">{status.unsealed}</dd>
            </div>
            {status.staleUnsealed > 0 && (
              <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
                {t("chain.stale", { count: status.staleUnsealed })}
              </p>
            )}
            {status.checkpoint && (
              <div className={row}>
                <dt className="text-slate-600">{t("chain.checkpoint")}</dt>
                <dd className="text-slate-900 sm:text-right">
                  {t("chain.checkpointAt", { seq: status.checkpoint.chainSeq.toString() })} · <LocalTime value={status.checkpoint.createdAt.toISOString()} />
                  {!status.checkpoint.current && <span className="block text-xs text-amber-700">{t("chain.formerKey")}</span>}
                </dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title={t("retention.title")}>
          <div className="space-y-2 text-sm text-slate-700">
            <p>{status.retentionDays ? t("retention.days", { days: status.retentionDays }) : t("retention.forever")}</p>
            <p>{status.anchor ? t("retention.anchor", { seq: status.anchor.chainSeq.toString() }) : t("retention.noAnchor")}</p>
          </div>
        </Card>
        <Card title={t("bundle.title")} description={t("bundle.description")}>
          <a href="/api/support/audit/bundle" className={buttonClass("secondary")} download>
            {t("bundle.button")}
          </a>
        </Card>
        <div className="lg:col-span-2">
          <Card title={t("key.title")} description={t("key.description")}>
            <ClientMessages namespaces={["auditChain.key"]}>
              <PublicKey pem={status.publicKeyPem} fingerprint={status.fingerprint} />
            </ClientMessages>
          </Card>
        </div>
      </div>
    </>
  );
}
