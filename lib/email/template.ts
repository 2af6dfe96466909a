import type { ReactElement } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { EmailFormat, EmailTranslator } from "./i18n";

/**
 * What every template receives besides its own props; injected by renderEmail, never by callers:
 * the app's address, and the recipient's language with its words (`t`, the `email` namespace)
 * and date formats; for a security notice, the recipient's own "This wasn't me" link (lib/email/notify.ts).
 */
export type EmailContext = { appUrl: string; locale: Locale; t: EmailTranslator; format: EmailFormat; notMeLink?: string };

/** A template is its subject line plus the react-email component that draws the body. */
export type EmailTemplate<Props> = {
  subject: (props: Props, context: EmailContext) => string;
  Component: (props: Props & EmailContext) => ReactElement;
};

export function defineEmailTemplate<Props>(template: EmailTemplate<Props>): EmailTemplate<Props> {
  return template;
}
