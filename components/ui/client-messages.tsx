import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages } from "@/lib/i18n/messages";

/**
 * What every form needs: the show-password toggle (common) and the words for what server
 * actions answer (errors, validation, notices; components/ui/message-text.ts).
 */
export const FORM_MESSAGES = ["common", "errors", "validation", "notices"] as const;

/**
 * Hands the client components below it the messages under `namespaces`, and only those: each
 * message given to the browser travels in the page's HTML and is serialized on every request,
 * while server components read all of them on the server. Inside, these replace what an outer
 * ClientMessages gave, so list everything the client components below use.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
