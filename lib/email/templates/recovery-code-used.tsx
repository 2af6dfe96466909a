import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type RecoveryCodeUsedProps = { name?: string; remaining: number };

function RecoveryCodeUsed({ appUrl, name, remaining }: RecoveryCodeUsedProps & EmailContext) {
  const left = remaining === 1 ? "1 recovery code" : `${remaining} recovery codes`;
  return (
    <EmailLayout appUrl={appUrl} preview={`A recovery code was used. ${left} left.`} heading="A recovery code was used">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        A recovery code was just used to sign in to your Tessera account. Each code works only once; you have{" "}
        {left} left.
        {remaining <= 3 ? " Consider generating a new set in your security settings." : ""}
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const recoveryCodeUsed = defineEmailTemplate<RecoveryCodeUsedProps>({
  subject: () => "A recovery code was used to sign in to Tessera",
  Component: RecoveryCodeUsed,
});
