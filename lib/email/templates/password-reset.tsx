import { Button } from "@react-email/components";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type PasswordResetProps = { name?: string; link: string };

function PasswordReset({ name, link, ...context }: PasswordResetProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("passwordReset.preview")} heading={t("passwordReset.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("passwordReset.body", { minutes: POLICY_VALUES.resetMinutes })}</Paragraph>
      <Button href={link} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px" }}>
        {t("passwordReset.button")}
      </Button>
      <Paragraph>{t.rich("passwordReset.orPaste", linkTo(link))}</Paragraph>
      <Paragraph>{t("passwordReset.ignore")}</Paragraph>
    </EmailLayout>
  );
}

export const passwordReset = defineEmailTemplate<PasswordResetProps>({
  subject: (_props, { t }) => t("passwordReset.subject"),
  Component: PasswordReset,
});
