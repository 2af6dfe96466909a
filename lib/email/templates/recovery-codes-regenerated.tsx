import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type RecoveryCodesRegeneratedProps = { name?: string };

/** Regenerating ends every old code, so the owner must hear of it if someone else did it. */
function RecoveryCodesRegenerated({ name, ...context }: RecoveryCodesRegeneratedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("recoveryCodesRegenerated.preview")} heading={t("recoveryCodesRegenerated.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("recoveryCodesRegenerated.body")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const recoveryCodesRegenerated = defineEmailTemplate<RecoveryCodesRegeneratedProps>({
  subject: (_props, { t }) => t("recoveryCodesRegenerated.subject"),
  Component: RecoveryCodesRegenerated,
});
