import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type ProjectMembershipChangedProps = {
  name?: string;
  projectName: string;
  /** Who made the change. */
  actorName: string;
  /** Removed from the project, or made one of its owners (a transfer or a role change). */
  change: "removed" | "owner";
  /** The project's page, for a new owner. */
  link?: string;
};

/**
 * Tells a person what someone else did to their place in a project. Not a change to their own
 * account, so it carries no "This wasn't me" (lib/email/notify.ts NOT_AN_EVENT).
 */
function ProjectMembershipChanged({ name, projectName, actorName, change, link, ...context }: ProjectMembershipChangedProps & EmailContext) {
  const { t } = context;
  const values = { project: projectName, actor: actorName, change };
  return (
    <EmailLayout {...context} preview={t("projectMembershipChanged.subject", values)} heading={t("projectMembershipChanged.subject", values)}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("projectMembershipChanged.body", values)}</Paragraph>
      {change === "owner" && link && <Paragraph>{t.rich("projectMembershipChanged.open", linkTo(link))}</Paragraph>}
    </EmailLayout>
  );
}

export const projectMembershipChanged = defineEmailTemplate<ProjectMembershipChangedProps>({
  subject: ({ projectName, actorName, change }, { t }) => t("projectMembershipChanged.subject", { project: projectName, actor: actorName, change }),
  Component: ProjectMembershipChanged,
});
