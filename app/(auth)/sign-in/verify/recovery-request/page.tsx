import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthAside, AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { findOpenRecoveryRequest } from "@/lib/support/recovery-request";
import { RecoveryRequestForm } from "./recovery-request-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("recoveryRequest");
  return { title: t("title") };
}

/**
 * "Lost every method and recovery code?": a sign-in that passed the password asks support for
 * help. Only such a sign-in reaches this page, so the request names a known account. With a
 * request already open, the person sees that one instead.
 */
export default async function RecoveryRequestPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  if (pending.pendingStep !== "two_factor") redirect("/sign-in/verify");
  if (await findOpenRecoveryRequest(pending.userId)) redirect("/sign-in/verify/recovery-request/filed");
  const t = await getTranslations("recoveryRequest");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <ClientMessages namespaces={["recoveryRequest.form", ...FORM_MESSAGES]}>
        <RecoveryRequestForm accountEmail={pending.user.email} />
      </ClientMessages>
      <AuthAside href="/sign-in/verify/other">{t("back")}</AuthAside>
      <CancelSignIn />
    </>
  );
}
