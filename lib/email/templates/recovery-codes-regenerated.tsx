import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type RecoveryCodesRegeneratedProps = { name?: string };

/** Regenerating ends every old code, so the owner must hear of it if someone else did it. */
function RecoveryCodesRegenerated({ appUrl, name }: RecoveryCodesRegeneratedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="New recovery codes were generated" heading="New recovery codes were generated">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        A new set of recovery codes was just generated for your Tessera account. Your old recovery codes no longer
        work; keep the new ones somewhere safe.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const recoveryCodesRegenerated = defineEmailTemplate<RecoveryCodesRegeneratedProps>({
  subject: () => "New recovery codes were generated for your Tessera account",
  Component: RecoveryCodesRegenerated,
});
