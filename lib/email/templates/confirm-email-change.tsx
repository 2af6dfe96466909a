import { Button, Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, Paragraph } from "./layout";

export type ConfirmEmailChangeProps = { name: string; link: string };

/** Sent to the new address: the change happens only when this link is opened. */
function ConfirmEmailChange({ appUrl, name, link }: ConfirmEmailChangeProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Confirm your new email address for Tessera" heading="Confirm your new email address">
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        You asked to use this address for your Tessera account. Your account keeps its current address until you
        confirm. The link works once, for 24 hours.
      </Paragraph>
      <Button href={link} style={{ backgroundColor: "#111827", color: "#ffffff", padding: "10px 18px" }}>
        Confirm new email address
      </Button>
      <Paragraph>
        Or open this link: <Link href={link}>{link}</Link>
      </Paragraph>
      <Paragraph>If you didn&apos;t ask for this, ignore this email: nothing changes.</Paragraph>
    </EmailLayout>
  );
}

export const confirmEmailChange = defineEmailTemplate<ConfirmEmailChangeProps>({
  subject: () => "Confirm your new email address for Tessera",
  Component: ConfirmEmailChange,
});
