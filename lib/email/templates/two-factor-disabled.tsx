import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorDisabledProps = { name?: string };

function TwoFactorDisabled({ name, ...context }: TwoFactorDisabledProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("twoFactorDisabled.preview")} heading={t("twoFactorDisabled.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("twoFactorDisabled.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const twoFactorDisabled = defineEmailTemplate<TwoFactorDisabledProps>({
  subject: (_props, { t }) => t("twoFactorDisabled.subject"),
  Component: TwoFactorDisabled,
});
