import { joinSentences } from "@/lib/i18n/sentences";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

/** `purpose`: what the code was used for (sign-in, confirming it is you, a password reset). */
export type RecoveryCodeUsedProps = { name?: string; remaining: number; purpose?: "sign_in" | "sudo" | "password_reset" };

function RecoveryCodeUsed({ name, remaining, purpose = "sign_in", ...context }: RecoveryCodeUsedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("recoveryCodeUsed.preview", { remaining })} heading={t("recoveryCodeUsed.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>
        {joinSentences(context.locale, t("recoveryCodeUsed.body", { remaining, purpose }), remaining <= POLICY_VALUES.recoveryLow && t("recoveryCodeUsed.low"))}
      </Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const recoveryCodeUsed = defineEmailTemplate<RecoveryCodeUsedProps>({
  subject: (_props, { t }) => t("recoveryCodeUsed.subject"),
  Component: RecoveryCodeUsed,
});
