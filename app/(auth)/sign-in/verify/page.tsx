import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthAside, AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm, ResendLoginCode } from "@/components/auth/challenge-form";
import { ChallengeOptionView } from "@/components/auth/challenge-option";
import { failedFromQuery } from "@/lib/actions/form-state";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { listChallengeOptions, pickOption } from "@/lib/mfa/challenge-options";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { Alert } from "@/components/ui/alert";
import { hasLiveTemporaryAccessCode } from "@/lib/support/temporary-access-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.challenge");
  return { title: t("title") };
}

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(1, local.length - 2))}@${domain}`;
}

type Query = { failed?: string | string[]; via?: string | string[] };

/**
 * The sign-in's second step: the preferred way first (or the one picked under "Try another
 * way", `?via=`), with a link to the others.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Query> }) {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  const query = await searchParams;
  const initial = failedFromQuery(query.failed);
  const t = await getTranslations("auth.challenge");

  if (pending.pendingStep === "temporary_code") {
    const words = await getTranslations("supportResets.signIn");
    const live = await hasLiveTemporaryAccessCode(pending.userId);
    return (
      <>
        <AuthHeading heading={words("heading")} intro={words("intro")} />
        {live ? (
          <ChallengeForm method="temporary_access_code" initial={initial} field={{ label: words("label"), placeholder: words("placeholder") }} />
        ) : (
          <Alert tone="error">{words("expired")}</Alert>
        )}
        <CancelSignIn />
      </>
    );
  }
  if (pending.pendingStep === "email_code") {
    return (
      <>
        <AuthHeading heading={t("emailHeading")} />
        <p className="mt-1 mb-6 text-sm break-words text-slate-600">
          {t.rich("emailIntro", {
            email: maskEmail(pending.user.email),
            minutes: POLICY_VALUES.codeMinutes,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <ChallengeForm method="email_code" initial={initial} />
        <div className="mt-4 text-center">
          <ResendLoginCode />
        </div>
        <CancelSignIn />
      </>
    );
  }
  const options = await listChallengeOptions(pending.userId, "sign_in");
  const option = pickOption(options, typeof query.via === "string" ? query.via : null);
  if (!option || option.method === "recovery_code") redirect("/sign-in/verify/recovery");
  return (
    <>
      <ChallengeOptionView option={option} initial={initial} userId={pending.userId} />
      {options.length > 1 && <AuthAside href="/sign-in/verify/other">{t("tryAnotherWay")}</AuthAside>}
      <CancelSignIn />
    </>
  );
}
