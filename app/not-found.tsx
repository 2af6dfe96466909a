import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/ui/logo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <Logo className="mb-6 text-xl" />
      <h1 className="text-2xl font-semibold break-words">{t("heading")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("body")}</p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        {t("home")}
      </Link>
    </main>
  );
}
