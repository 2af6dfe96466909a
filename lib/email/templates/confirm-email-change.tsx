import { Button } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "../template";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type ConfirmEmailChangeProps = { name: string; link: string };

/** Sent to the new address: the change happens only when this link is opened. */
function ConfirmEmailChange({ name, link, ...context }: ConfirmEmailChangeProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("confirmEmailChange.preview")} heading={t("confirmEmailChange.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("confirmEmailChange.body", { hours: POLICY_VALUES.addressLinkHours })}</Paragraph>
      <Button href={link} style={{ backgroundColor: "#111827", color: "#ffffff", padding: "10px 18px" }}>
        {t("confirmEmailChange.button")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t("confirmEmailChange.ignore")}</Paragraph>
    </EmailLayout>
  );
}

export const confirmEmailChange = defineEmailTemplate<ConfirmEmailChangeProps>({
  subject: (_props, { t }) => t("confirmEmailChange.subject"),
  Component: ConfirmEmailChange,
});
