import { Button } from "@react-email/components";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph, SECURITY_SETTINGS_PATH } from "./layout";
import { buttonStyle, Requirement } from "./project-policy-required";

/** The grace period's last day (lib/projects/grace.ts), to members still without a method that counts. */
export type ProjectGraceLastDayProps = {
  name?: string;
  projectId: string;
  projectName: string;
  level: TwoFactorLevel;
  secureMethodsOnly: boolean;
  deadline: Date;
};

function ProjectGraceLastDay({ name, projectId, projectName, level, secureMethodsOnly, deadline, ...context }: ProjectGraceLastDayProps & EmailContext) {
  const { t, format, appUrl } = context;
  const project = projectName;
  const link = `${appUrl}/projects/${projectId}/enrol`;
  const when = format.dateTime(deadline);
  return (
    <EmailLayout {...context} preview={t("projectGraceLastDay.preview", { project, deadline: when })} heading={t("projectGraceLastDay.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("projectGraceLastDay.body", { project, deadline: when })}</Paragraph>
      <Requirement t={t} project={project} level={level} secureMethodsOnly={secureMethodsOnly} />
      <Button href={link} style={buttonStyle}>
        {t("projectPolicyRequired.setUp")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t.rich("projectPolicyRequired.howTo", linkTo(`${appUrl}${SECURITY_SETTINGS_PATH}`))}</Paragraph>
    </EmailLayout>
  );
}

export const projectGraceLastDay = defineEmailTemplate<ProjectGraceLastDayProps>({
  subject: ({ projectName }, { t }) => t("projectGraceLastDay.subject", { project: projectName }),
  Component: ProjectGraceLastDay,
});
