import { describeDevice } from "@/lib/http/user-agent";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

/** A browser became a trusted computer ("Once per computer"): described in the recipient's language from its user agent. */
export type ComputerTrustedProps = { name?: string; at: Date; until: Date; userAgent: string | null; ip?: string | null };

function ComputerTrusted({ name, at, until, userAgent, ip, ...context }: ComputerTrustedProps & EmailContext) {
  const { t, format } = context;
  const browser = describeDevice(t, { userAgent });
  const values = { browser, when: format.dateTime(at), until: format.dateTime(until) };
  return (
    <EmailLayout {...context} preview={t("computerTrusted.preview", { browser })} heading={t("computerTrusted.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{ip ? t("computerTrusted.bodyWithIp", { ...values, ip }) : t("computerTrusted.body", values)}</Paragraph>
      <Paragraph>{t("computerTrusted.revoke")}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const computerTrusted = defineEmailTemplate<ComputerTrustedProps>({
  subject: (_props, { t }) => t("computerTrusted.subject"),
  Component: ComputerTrusted,
});
