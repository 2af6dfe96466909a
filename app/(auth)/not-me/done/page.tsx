import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("readiness.notMe.done");
  return { title: t("title") };
}

/** Where "This wasn't me" ends: the new password is set and every session has ended. */
export default async function NotMeDonePage() {
  const [t, resets] = await Promise.all([getTranslations("readiness.notMe.done"), getTranslations("supportResets.notMe")]);
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("body")} />
      <p className="mb-3 text-sm text-slate-700">{resets("caseOpened")}</p>
      <p className="mb-6 text-sm text-slate-700">{t("next")}</p>
      <Link href="/sign-in" className={buttonClass("primary", "w-full")}>
        {t("signIn")}
      </Link>
    </>
  );
}
