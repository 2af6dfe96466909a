import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm, ResendLoginCode } from "@/components/auth/challenge-form";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { POLICY_VALUES } from "@/lib/policy/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.challenge");
  return { title: t("title") };
}

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(1, local.length - 2))}@${domain}`;
}

export default async function VerifyPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  const t = await getTranslations("auth.challenge");

  if (pending.pendingStep === "email_code") {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">{t("emailHeading")}</h1>
        <p className="mt-1 mb-6 text-sm break-words text-slate-600">
          {t.rich("emailIntro", {
            email: maskEmail(pending.user.email),
            minutes: POLICY_VALUES.codeMinutes,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <ChallengeForm method="email_code" />
        <div className="mt-4 text-center">
          <ResendLoginCode />
        </div>
        <CancelSignIn />
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("totpHeading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("totpIntro")}</p>
      <ChallengeForm method="totp" />
      <p className="mt-4 text-center text-sm">
        <Link href="/sign-in/verify/recovery" className="font-medium text-brand-700 hover:underline">
          {t("useRecovery")}
        </Link>
      </p>
      <CancelSignIn />
    </>
  );
}
