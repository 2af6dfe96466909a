import { Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, Paragraph } from "./layout";

export type SignUpAttemptedProps = { name?: string };

/**
 * Sent instead of an error on the sign-up page, so the page never tells a stranger that this
 * address has an account; only the owner learns it, here.
 */
function SignUpAttempted({ appUrl, name }: SignUpAttemptedProps & EmailContext) {
  const signIn = `${appUrl}/sign-in`;
  return (
    <EmailLayout appUrl={appUrl} preview="Someone tried to sign up to Tessera with your email address" heading="You already have a Tessera account">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Someone just tried to create a new Tessera account with this email address. This address already has an
        account, so no new account was created and nothing about your account changed.
      </Paragraph>
      <Paragraph>
        If it was you, sign in at <Link href={signIn}>{signIn}</Link>. If you forgot your password, choose
        &quot;Forgot password?&quot; on that page.
      </Paragraph>
      <Paragraph>If it wasn&apos;t you, you can ignore this email.</Paragraph>
    </EmailLayout>
  );
}

export const signUpAttempted = defineEmailTemplate<SignUpAttemptedProps>({
  subject: () => "Someone tried to sign up with your email address",
  Component: SignUpAttempted,
});
