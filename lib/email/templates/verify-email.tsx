import { Button } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type VerifyEmailProps = { name: string; link: string };

function VerifyEmail({ name, link, ...context }: VerifyEmailProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("verifyEmail.preview")} heading={t("verifyEmail.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("verifyEmail.body")}</Paragraph>
      <Button href={link} style={{ backgroundColor: "#111827", color: "#ffffff", padding: "10px 18px" }}>
        {t("verifyEmail.button")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t("verifyEmail.ignore")}</Paragraph>
    </EmailLayout>
  );
}

export const verifyEmail = defineEmailTemplate<VerifyEmailProps>({
  subject: (_props, { t }) => t("verifyEmail.subject"),
  Component: VerifyEmail,
});
