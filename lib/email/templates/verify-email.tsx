import { Button, Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, Paragraph } from "./layout";

export type VerifyEmailProps = { name: string; link: string };

function VerifyEmail({ appUrl, name, link }: VerifyEmailProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Confirm your email address for Tessera" heading="Confirm your email address">
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>Please confirm that this is your email address so Tessera can reach you about your account.</Paragraph>
      <Button href={link} style={{ backgroundColor: "#111827", color: "#ffffff", padding: "10px 18px" }}>
        Confirm email address
      </Button>
      <Paragraph>
        Or open this link: <Link href={link}>{link}</Link>
      </Paragraph>
      <Paragraph>If you didn&apos;t create a Tessera account, you can ignore this email.</Paragraph>
    </EmailLayout>
  );
}

export const verifyEmail = defineEmailTemplate<VerifyEmailProps>({
  subject: () => "Confirm your email address for Tessera",
  Component: VerifyEmail,
});
