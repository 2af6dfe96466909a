import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthAside, AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { LostEverythingLink } from "@/components/auth/lost-everything-link";
import { ChallengeForm } from "@/components/auth/challenge-form";
import { failedFromQuery } from "@/lib/actions/form-state";
import { getPendingSession, getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.recovery");
  return { title: t("title") };
}

export default async function RecoveryPage({ searchParams }: { searchParams: Promise<{ failed?: string | string[] }> }) {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  if (pending.pendingStep !== "two_factor") redirect("/sign-in/verify");
  const initial = failedFromQuery((await searchParams).failed);
  const t = await getTranslations("auth.recovery");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <ChallengeForm method="recovery_code" initial={initial} />
      <AuthAside href="/sign-in/verify/other">{t("tryAnotherWay")}</AuthAside>
      <LostEverythingLink />
      <CancelSignIn />
    </>
  );
}
