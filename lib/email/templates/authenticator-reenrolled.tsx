import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type AuthenticatorReenrolledProps = { name?: string };

/** A new authenticator replaces the old one: whoever holds it now controls the second factor. */
function AuthenticatorReenrolled({ name, ...context }: AuthenticatorReenrolledProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("authenticatorReenrolled.preview")} heading={t("authenticatorReenrolled.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("authenticatorReenrolled.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const authenticatorReenrolled = defineEmailTemplate<AuthenticatorReenrolledProps>({
  subject: (_props, { t }) => t("authenticatorReenrolled.subject"),
  Component: AuthenticatorReenrolled,
});
