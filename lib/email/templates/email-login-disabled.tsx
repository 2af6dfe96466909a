import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailLoginDisabledProps = { name?: string };

function EmailLoginDisabled({ name, ...context }: EmailLoginDisabledProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("emailLoginDisabled.preview")} heading={t("emailLoginDisabled.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("emailLoginDisabled.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const emailLoginDisabled = defineEmailTemplate<EmailLoginDisabledProps>({
  subject: (_props, { t }) => t("emailLoginDisabled.subject"),
  Component: EmailLoginDisabled,
});
