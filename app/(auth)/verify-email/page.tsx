import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { Alert } from "@/components/ui/alert";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.verifyEmail");
  return { title: t("title") };
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.verifyEmail");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      {typeof token === "string" && token.length > 0 ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          {t.rich("incomplete", {
            link: (chunks) => (
              <Link href="/account" className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      )}
    </>
  );
}
