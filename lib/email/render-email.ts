import { render, toPlainText } from "@react-email/render";
import { getEnv } from "@/lib/env";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { emailIntl } from "./i18n";
import { emailTemplates, type EmailMessage, type EmailTemplateName, type EmailTemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * Renders a message to its subject, HTML and plain-text body, in the message's `locale`
 * (English when it has none); links are built on APP_URL. Needs no request: it runs in
 * background work too.
 */
export async function renderEmail(message: EmailMessage, appUrl = getEnv().APP_URL): Promise<RenderedEmail> {
  return renderTemplate(message.template, (message.props ?? {}) as EmailTemplateProps[typeof message.template], appUrl, message.locale ?? DEFAULT_LOCALE, message.notMeLink);
}

async function renderTemplate<Name extends EmailTemplateName>(
  name: Name,
  props: EmailTemplateProps[Name],
  appUrl: string,
  locale: NonNullable<EmailMessage["locale"]>,
  notMeLink: string | undefined,
): Promise<RenderedEmail> {
  const { Component, subject } = emailTemplates[name];
  const context = { appUrl, ...emailIntl(locale), ...(notMeLink ? { notMeLink } : {}) };
  // Templates are plain functions without hooks; calling one directly keeps the props typed
  // (createElement's key/Attributes overloads reject generic props).
  const element = Component({ ...props, ...context });
  const html = await render(element);
  return { subject: subject(props, context), html, text: toPlainText(html, plainTextOptions(locale)) };
}

/**
 * Plain text sets headings in capitals, the usual emphasis for English and German; Japanese has
 * no capitals, and only its Latin words would change ("TESSERAアカウント"), so it keeps them.
 */
function plainTextOptions(locale: string) {
  if (locale !== "ja") return undefined;
  const keepCase = { options: { uppercase: false } };
  return { selectors: ["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, ...keepCase })) };
}
