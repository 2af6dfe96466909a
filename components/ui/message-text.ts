"use client";

import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";

/**
 * Words for the message keys server actions return ({ key: "errors.locked", values }), in the
 * viewer's language. Every FormState message and field error is shown through this.
 */
export function useMessageText() {
  const t = useTranslations();
  return (message: Message | undefined): string =>
    message ? t(message.key as Parameters<typeof t>[0], message.values as Parameters<typeof t>[1]) : "";
}
