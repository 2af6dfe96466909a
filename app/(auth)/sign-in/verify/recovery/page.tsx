import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm } from "@/components/auth/challenge-form";
import { getPendingSession, getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.recovery");
  return { title: t("title") };
}

export default async function RecoveryPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  if (pending.pendingStep !== "two_factor") redirect("/sign-in/verify");
  const t = await getTranslations("auth.recovery");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      <ChallengeForm method="recovery_code" />
      <p className="mt-4 text-center text-sm">
        <Link href="/sign-in/verify" className="font-medium text-brand-700 hover:underline">
          {t("useApp")}
        </Link>
      </p>
      <CancelSignIn />
    </>
  );
}
