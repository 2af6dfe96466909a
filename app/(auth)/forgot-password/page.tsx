import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forgotPassword");
  return { title: t("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgotPassword");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        {t.rich("remembered", {
          link: (chunks) => (
            <Link href="/sign-in" className="inline-block font-medium text-brand-700 hover:underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </>
  );
}
