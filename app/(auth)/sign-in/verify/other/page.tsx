import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { LostEverythingLink } from "@/components/auth/lost-everything-link";
import { OptionList } from "@/components/auth/challenge-option";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { listChallengeOptions } from "@/lib/mfa/challenge-options";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.other");
  return { title: t("title") };
}

/** "Try another way": every way the person can answer the challenge, as plain links. */
export default async function OtherWaysPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  if (pending.pendingStep !== "two_factor") redirect("/sign-in/verify");
  const [options, t] = await Promise.all([listChallengeOptions(pending.userId, "sign_in"), getTranslations("auth.other")]);
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <OptionList options={options} />
      <LostEverythingLink />
      <CancelSignIn />
    </>
  );
}
