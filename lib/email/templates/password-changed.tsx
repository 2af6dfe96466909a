import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type PasswordChangedProps = { name?: string };

function PasswordChanged({ name, ...context }: PasswordChangedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("passwordChanged.preview")} heading={t("passwordChanged.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("passwordChanged.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const passwordChanged = defineEmailTemplate<PasswordChangedProps>({
  subject: (_props, { t }) => t("passwordChanged.subject"),
  Component: PasswordChanged,
});
