import { Button } from "@react-email/components";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

/**
 * "Send reminder" from a project's compliance view (lib/projects/reminders.ts): what the project
 * requires, until when it still opens without a method (a grace period), and the way in.
 */
export type ProjectReminderProps = {
  name?: string;
  projectId: string;
  projectName: string;
  requiredLevel: TwoFactorLevel;
  secureMethodsOnly: boolean;
  /** The end of the project's grace period, while it lasts. */
  deadline?: Date;
};

export const projectPath = (projectId: string) => `/projects/${projectId}`;

function ProjectReminder({ name, projectId, projectName, requiredLevel, secureMethodsOnly, deadline, ...context }: ProjectReminderProps & EmailContext) {
  const { t, format, appUrl } = context;
  const link = `${appUrl}${projectPath(projectId)}`;
  const project = projectName;
  return (
    <EmailLayout {...context} preview={t("projectReminder.preview", { project })} heading={t("projectReminder.heading", { project })}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("projectReminder.body", { project, level: requiredLevel })}</Paragraph>
      {secureMethodsOnly && <Paragraph>{t("projectReminder.secureOnly")}</Paragraph>}
      <Paragraph>{deadline ? t("projectReminder.deadline", { when: format.dateTime(deadline) }) : t("projectReminder.now")}</Paragraph>
      <Button href={link} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px", marginBottom: "16px" }}>
        {t("projectReminder.button")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t("projectReminder.why", { project })}</Paragraph>
    </EmailLayout>
  );
}

export const projectReminder = defineEmailTemplate<ProjectReminderProps>({
  subject: ({ projectName }, { t }) => t("projectReminder.subject", { project: projectName }),
  Component: ProjectReminder,
});
