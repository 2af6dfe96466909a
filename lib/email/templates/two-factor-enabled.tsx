import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorEnabledProps = { name?: string };

function TwoFactorEnabled({ name, ...context }: TwoFactorEnabledProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("twoFactorEnabled.preview")} heading={t("twoFactorEnabled.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("twoFactorEnabled.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const twoFactorEnabled = defineEmailTemplate<TwoFactorEnabledProps>({
  subject: (_props, { t }) => t("twoFactorEnabled.subject"),
  Component: TwoFactorEnabled,
});
