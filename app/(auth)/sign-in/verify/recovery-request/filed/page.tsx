import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { findOpenRecoveryRequest } from "@/lib/support/recovery-request";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("recoveryRequest.filed");
  return { title: t("title") };
}

/** The confirmation of the person's open recovery request: when, where support answers, what comes next. */
export default async function RecoveryRequestFiledPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  const request = await findOpenRecoveryRequest(pending.userId);
  if (!request) redirect("/sign-in/verify/recovery-request");
  const t = await getTranslations("recoveryRequest.filed");
  const steps = [t("emailed"), t("check"), t("contact")];
  return (
    <>
      <AuthHeading
        heading={t("heading")}
        intro={
          <span className="break-words">
            {t.rich("intro", {
              email: request.contactEmail,
              time: () => <LocalTime value={request.createdAt.toISOString()} />,
              strong: (chunks) => <strong className="[overflow-wrap:anywhere]">{chunks}</strong>,
            })}
          </span>
        }
      />
      <h2 className="text-sm font-semibold text-slate-900">{t("nextHeading")}</h2>
      <ol className="mt-2 list-decimal space-y-2 pl-5 text-sm text-slate-700">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-200 ring-inset">{t("neverAsk")}</p>
      {/* The pending sign-in is of no more use: Done abandons it (and says so on the sign-in page). */}
      <form action={signOutAction} className="mt-6">
        <button type="submit" className={buttonClass("primary", "w-full")}>
          {t("done")}
        </button>
      </form>
    </>
  );
}
