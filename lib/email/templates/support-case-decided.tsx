import type { SupportCaseKind } from "@/lib/db/generated/enums";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, Paragraph } from "./layout";

/** A support admin's decision on a case, to its contact address, with the note they wrote. */
export type SupportCaseDecidedProps = { name?: string; kind: SupportCaseKind; decision: "approved" | "refused"; note: string };

const KEYS = {
  recovery_request: { approved: "recoveryApproved", refused: "recoveryRefused" },
  not_me_report: { approved: "reportActed", refused: "reportNoAction" },
} as const;

function SupportCaseDecided({ name, kind, decision, note, ...context }: SupportCaseDecidedProps & EmailContext) {
  const { t } = context;
  const key = KEYS[kind][decision];
  return (
    <EmailLayout {...context} preview={t(`supportCaseDecided.${key}.heading`)} heading={t(`supportCaseDecided.${key}.heading`)}>
      <Greeting t={t} name={name} />
      <Paragraph>{t(`supportCaseDecided.${key}.body`)}</Paragraph>
      <Paragraph>{t("supportCaseDecided.noteIntro")}</Paragraph>
      <Paragraph>
        <span style={{ whiteSpace: "pre-wrap" }}>{note}</span>
      </Paragraph>
      <Paragraph>{t("supportCaseDecided.neverAsk")}</Paragraph>
    </EmailLayout>
  );
}

export const supportCaseDecided = defineEmailTemplate<SupportCaseDecidedProps>({
  subject: ({ kind, decision }, { t }) => t(`supportCaseDecided.${KEYS[kind][decision]}.subject`),
  Component: SupportCaseDecided,
});
