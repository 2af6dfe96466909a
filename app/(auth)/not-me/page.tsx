import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthHeading, richLink } from "@/components/auth/auth-page";
import { NotMeNewPasswordForm, NotMePasswordForm } from "@/components/auth/not-me-forms";
import { Alert } from "@/components/ui/alert";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { failedFromQuery } from "@/lib/actions/form-state";
import { findNotMeLink, hasPasswordStep, type NotMeLink } from "@/lib/auth/not-me";
import { readNotMeStepCookie } from "@/lib/auth/not-me-cookie";
import { AppError, type ErrorCode } from "@/lib/errors";
import { POLICY_VALUES } from "@/lib/policy/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("readiness.notMe");
  return { title: t("title") };
}

async function lookUp(token: unknown): Promise<{ link: NotMeLink } | { error: ErrorCode }> {
  if (typeof token !== "string") return { error: "token_invalid" };
  try {
    return { link: await findNotMeLink(token) };
  } catch (error) {
    if (error instanceof AppError) return { error: error.code };
    throw error;
  }
}

/**
 * "This wasn't me" (the link in every security email, lib/email/notify.ts): what will happen,
 * the current password, then a new one. Opening it changes nothing.
 */
export default async function NotMePage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; failed?: string | string[] }> }) {
  const { token, failed } = await searchParams;
  const [found, t, root] = await Promise.all([lookUp(token), getTranslations("readiness.notMe"), getTranslations()]);
  const reset = richLink("/forgot-password");

  if ("error" in found) {
    return (
      <>
        <AuthHeading heading={t("heading")} />
        <Alert tone="error" className="mt-4">
          {root(`errors.${found.error}`, POLICY_VALUES)}
        </Alert>
        <p className="mt-4 text-sm text-slate-600">{t.rich("invalidHelp", { link: reset })}</p>
      </>
    );
  }
  const { link } = found;
  const initial = failedFromQuery(failed);
  if (link.passwordResetRequired) {
    return (
      <>
        <AuthHeading heading={t("heading")} />
        <Alert tone="warning" className="mt-4">
          {t.rich("resetRequired", { link: reset })}
        </Alert>
      </>
    );
  }

  const passwordStep = await hasPasswordStep(link, await readNotMeStepCookie());
  return (
    // The forms' words: this page's, the password rules of auth, and what the routes answer.
    <ClientMessages namespaces={["readiness.notMe", "auth.passwordHint", ...FORM_MESSAGES]}>
      {passwordStep ? (
        <>
          <Alert tone="success" className="mb-6">
            {t("secured")}
          </Alert>
          <AuthHeading heading={t("newHeading")} intro={t("newIntro", { notMeChangeMinutes: POLICY_VALUES.notMeChangeMinutes })} />
          <NotMeNewPasswordForm token={token as string} initial={initial} />
        </>
      ) : (
        <>
          <AuthHeading heading={t("heading")} intro={t("intro", { email: link.email })} />
          <div className="mb-6 text-sm text-slate-700">
            <p className="font-medium text-slate-900">{t("whatHappens")}</p>
            <ul className="mt-2 list-disc space-y-1 ps-5">
              <li>{t("happens.sessions")}</li>
              <li>{t("happens.trusted")}</li>
              <li>{t("happens.password")}</li>
            </ul>
            <p className="mt-2">{t("keeps")}</p>
          </div>
          <NotMePasswordForm token={token as string} initial={initial} />
          <p className="mt-6 text-center text-sm text-slate-600">{t.rich("forgotten", { link: reset })}</p>
        </>
      )}
    </ClientMessages>
  );
}
