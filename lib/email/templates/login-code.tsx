import { Text } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type LoginCodeProps = { name?: string; code: string };

/** Matches the one-time-code rule: codes live at most 10 minutes. */
const VALID_MINUTES = 10;

function LoginCode({ appUrl, name, code }: LoginCodeProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview={`Your Tessera sign-in code is ${code}`} heading="Your sign-in code">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>Enter this code to finish signing in to Tessera. It works once, for {VALID_MINUTES} minutes.</Paragraph>
      <Text style={{ fontSize: "28px", fontWeight: 600, letterSpacing: "6px", margin: "0 0 16px" }}>{code}</Text>
      <Paragraph>Tessera will never ask you for this code by phone or chat.</Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const loginCode = defineEmailTemplate<LoginCodeProps>({
  subject: () => "Your Tessera sign-in code",
  Component: LoginCode,
});
