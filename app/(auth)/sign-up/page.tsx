import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signUp");
  return { title: t("title") };
}

export default async function SignUpPage() {
  if (await getSession()) redirect("/security");
  const t = await getTranslations("auth.signUp");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        {t.rich("haveAccount", {
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
