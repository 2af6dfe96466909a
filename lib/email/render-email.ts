import { render, toPlainText } from "@react-email/render";
import { getEnv } from "@/lib/env";
import { emailTemplates, type EmailMessage, type EmailTemplateName, type EmailTemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

/** Renders a message to its subject, HTML and plain-text body; links are built on APP_URL. */
export async function renderEmail(message: EmailMessage, appUrl = getEnv().APP_URL): Promise<RenderedEmail> {
  return renderTemplate(message.template, (message.props ?? {}) as EmailTemplateProps[typeof message.template], appUrl);
}

async function renderTemplate<Name extends EmailTemplateName>(
  name: Name,
  props: EmailTemplateProps[Name],
  appUrl: string,
): Promise<RenderedEmail> {
  const { Component, subject } = emailTemplates[name];
  // Templates are plain functions without hooks; calling one directly keeps the props typed
  // (createElement's key/Attributes overloads reject generic props).
  const element = Component({ ...props, appUrl });
  const html = await render(element);
  return { subject: subject(props), html, text: toPlainText(html) };
}
