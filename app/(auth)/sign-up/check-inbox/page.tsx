import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.checkInbox");
  return { title: t("title") };
}

/** The one answer to every accepted sign-up: it must read the same for new and known addresses. */
export default async function CheckInboxPage() {
  const t = await getTranslations("auth.checkInbox");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("body")}</p>
      <Link href="/sign-in" className={buttonClass("primary", "w-full")}>
        {t("goToSignIn")}
      </Link>
    </>
  );
}
