import { Text } from "@react-email/components";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type LoginCodeProps = { name?: string; code: string };

function LoginCode({ name, code, ...context }: LoginCodeProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("loginCode.preview", { code })} heading={t("loginCode.heading")}>
      <Greeting t={t} name={name} />
      {/* The one-time-code rule: codes live codeMinutes (10) at most. */}
      <Paragraph>{t("loginCode.body", { minutes: POLICY_VALUES.codeMinutes })}</Paragraph>
      <Text style={{ fontSize: "28px", fontWeight: 600, letterSpacing: "6px", margin: "0 0 16px" }}>{code}</Text>
      <Paragraph>{t("loginCode.neverAsk")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const loginCode = defineEmailTemplate<LoginCodeProps>({
  subject: (_props, { t }) => t("loginCode.subject"),
  Component: LoginCode,
});
