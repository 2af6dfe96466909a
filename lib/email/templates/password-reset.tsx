import { Button, Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, Paragraph } from "./layout";

export type PasswordResetProps = { name?: string; link: string };

function PasswordReset({ appUrl, name, link }: PasswordResetProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Choose a new password for Tessera" heading="Reset your password">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Someone asked to reset the password of your Tessera account. To choose a new password, open this link within
        30 minutes. It works once.
      </Paragraph>
      <Button href={link} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px" }}>
        Choose a new password
      </Button>
      <Paragraph>
        Or paste this address into your browser: <Link href={link}>{link}</Link>
      </Paragraph>
      <Paragraph>
        If you did not ask for this, ignore this email: your password stays as it is. If two-factor authentication is on,
        the link alone cannot change it.
      </Paragraph>
    </EmailLayout>
  );
}

export const passwordReset = defineEmailTemplate<PasswordResetProps>({
  subject: () => "Reset your Tessera password",
  Component: PasswordReset,
});
