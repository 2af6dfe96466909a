import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
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
      <AuthHeading heading={t("heading")} intro={t("body")} />
      <Link href="/sign-in" className={buttonClass("primary", "w-full")}>
        {t("goToSignIn")}
      </Link>
    </>
  );
}
