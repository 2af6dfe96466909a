import { POLICY_VALUES } from "@/lib/policy/limits";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type RecoveryCodeUsedProps = { name?: string; remaining: number };

function RecoveryCodeUsed({ name, remaining, ...context }: RecoveryCodeUsedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("recoveryCodeUsed.preview", { remaining })} heading={t("recoveryCodeUsed.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>
        {t("recoveryCodeUsed.body", { remaining })}
        {remaining <= POLICY_VALUES.recoveryLow ? ` ${t("recoveryCodeUsed.low")}` : ""}
      </Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const recoveryCodeUsed = defineEmailTemplate<RecoveryCodeUsedProps>({
  subject: (_props, { t }) => t("recoveryCodeUsed.subject"),
  Component: RecoveryCodeUsed,
});
