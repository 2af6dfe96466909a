import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, Paragraph } from "./layout";

export type TwoFactorResetBySupportProps = { name?: string };

/** After support reset the person's 2FA (lib/support/reset.ts). Never carries the code itself. */
function TwoFactorResetBySupport({ name, ...context }: TwoFactorResetBySupportProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("twoFactorResetBySupport.preview")} heading={t("twoFactorResetBySupport.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("twoFactorResetBySupport.body")}</Paragraph>
      <Paragraph>{t("twoFactorResetBySupport.code")}</Paragraph>
      <Paragraph>{t("twoFactorResetBySupport.notYou")}</Paragraph>
    </EmailLayout>
  );
}

export const twoFactorResetBySupport = defineEmailTemplate<TwoFactorResetBySupportProps>({
  subject: (_props, { t }) => t("twoFactorResetBySupport.subject"),
  Component: TwoFactorResetBySupport,
});
