import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorSuspendedProps = { name?: string; failures: number };

function TwoFactorSuspended({ name, failures, ...context }: TwoFactorSuspendedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("twoFactorSuspended.preview")} heading={t("twoFactorSuspended.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("twoFactorSuspended.body", { failures })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const twoFactorSuspended = defineEmailTemplate<TwoFactorSuspendedProps>({
  subject: (_props, { t }) => t("twoFactorSuspended.subject"),
  Component: TwoFactorSuspended,
});
