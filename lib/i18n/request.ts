import { getRequestConfig } from "next-intl/server";
import { isLocale } from "./locales";
import { requestLocale } from "./locale";
import { messagesByLocale } from "./messages";

/** next-intl's per-request configuration: no locale in the URL; the viewer's language decides. */
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isLocale(explicit) ? explicit : await requestLocale();
  return { locale, messages: messagesByLocale[locale] };
});
