import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorFailedProps = { name?: string; at: Date; ip?: string | null };

function TwoFactorFailed({ name, at, ip, ...context }: TwoFactorFailedProps & EmailContext) {
  const { t, format } = context;
  const when = format.dateTime(at);
  return (
    <EmailLayout {...context} preview={t("twoFactorFailed.preview")} heading={t("twoFactorFailed.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{ip ? t("twoFactorFailed.bodyWithIp", { when, ip }) : t("twoFactorFailed.body", { when })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const twoFactorFailed = defineEmailTemplate<TwoFactorFailedProps>({
  subject: (_props, { t }) => t("twoFactorFailed.subject"),
  Component: TwoFactorFailed,
});
