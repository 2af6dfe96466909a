import { getTranslations } from "next-intl/server";
import { AuthAside } from "./auth-page";

/** On the challenge's other ways: when none of them is left, ask support (a recovery request). */
export async function LostEverythingLink() {
  const t = await getTranslations("recoveryRequest");
  return <AuthAside href="/sign-in/verify/recovery-request">{t("link")}</AuthAside>;
}
