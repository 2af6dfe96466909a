import { Button } from "@react-email/components";
import type { FindingCode, NextStep } from "@/lib/mfa/readiness";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

/** What to fix, most important first, as lib/mfa/readiness.ts found it. */
export type RecoveryReminderProps = { name?: string; findings: { code: FindingCode; step: NextStep; count?: number }[] };

/** Where the reminder leads: the readiness card on the Security page, which links each fix. */
export const RECOVERY_READINESS_PATH = "/security#recovery-readiness";

const styles = {
  list: { color: "#374151", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px", paddingLeft: "20px", overflowWrap: "anywhere", wordBreak: "break-word" },
  item: { margin: "0 0 8px" },
} as const;

function RecoveryReminder({ name, findings, ...context }: RecoveryReminderProps & EmailContext) {
  const { t, appUrl } = context;
  const link = `${appUrl}${RECOVERY_READINESS_PATH}`;
  const fix = (finding: RecoveryReminderProps["findings"][number]) => {
    switch (finding.code) {
      case "no_recovery_codes":
        return t("recoveryReminder.findings.no_recovery_codes");
      case "few_recovery_codes":
        return t("recoveryReminder.findings.few_recovery_codes", { count: finding.count ?? 0 });
      case "one_device":
        return t("recoveryReminder.findings.one_device", { step: finding.step });
      case "phone_only":
        return t("recoveryReminder.findings.phone_only");
      case "email_unverified":
        return t("recoveryReminder.findings.email_unverified");
    }
  };
  return (
    <EmailLayout {...context} preview={t("recoveryReminder.preview")} heading={t("recoveryReminder.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("recoveryReminder.body")}</Paragraph>
      <ul style={styles.list}>
        {findings.map((finding) => (
          <li key={finding.code} style={styles.item}>
            {fix(finding)}
          </li>
        ))}
      </ul>
      <Button href={link} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px", marginBottom: "16px" }}>
        {t("recoveryReminder.button")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t("recoveryReminder.cadence")}</Paragraph>
    </EmailLayout>
  );
}

export const recoveryReminder = defineEmailTemplate<RecoveryReminderProps>({
  subject: (_props, { t }) => t("recoveryReminder.subject"),
  Component: RecoveryReminder,
});
