import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Not found inside the signed-in shell: the layout already has the page's <main>, so this
 * renders only its content (the root not-found.tsx brings its own <main> for public pages).
 */
export default async function DashboardNotFound() {
  const t = await getTranslations("shell.notFound");
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      <Link href="/security" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
