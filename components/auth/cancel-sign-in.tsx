import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/actions/auth/sign-out";

export async function CancelSignIn() {
  const t = await getTranslations("auth.challenge");
  return (
    <form action={signOutAction} className="mt-6 border-t border-slate-100 pt-4 text-center">
      <button type="submit" className="text-sm text-slate-600 hover:underline">
        {t("cancel")}
      </button>
    </form>
  );
}
