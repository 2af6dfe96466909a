import { Button } from "@react-email/components";
import type { ProjectRole, TwoFactorLevel } from "@/lib/db/generated/enums";
import { INVITATION_TTL_MS } from "@/lib/policy/project";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, linkTo, Paragraph } from "./layout";

export type ProjectInvitationProps = {
  projectName: string;
  inviterName: string;
  role: ProjectRole;
  requiredLevel: TwoFactorLevel;
  secureMethodsOnly: boolean;
  link: string;
};

const DAYS = Math.round(INVITATION_TTL_MS / 86_400_000);

/**
 * An invitation to a project, sent to an address that may have no account yet (so no "This
 * wasn't me"): who invites, to which project and role, and what the project asks of its
 * members' two-factor authentication before they accept.
 */
function ProjectInvitation({ projectName, inviterName, role, requiredLevel, secureMethodsOnly, link, ...context }: ProjectInvitationProps & EmailContext) {
  const { t } = context;
  const values = { project: projectName, inviter: inviterName, role };
  return (
    <EmailLayout {...context} preview={t("projectInvitation.preview", values)} heading={t("projectInvitation.heading", values)}>
      <Paragraph>{t("projectInvitation.body", values)}</Paragraph>
      <Paragraph>
        {t("projectInvitation.requirement", { level: requiredLevel })}
        {requiredLevel !== "disabled" && secureMethodsOnly ? ` ${t("projectInvitation.secureOnly")}` : ""}
      </Paragraph>
      <Button href={link} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px" }}>
        {t("projectInvitation.button")}
      </Button>
      <Paragraph>{t.rich("projectInvitation.orPaste", linkTo(link))}</Paragraph>
      <Paragraph>{t("projectInvitation.expires", { days: DAYS })}</Paragraph>
      <Paragraph>{t("projectInvitation.ignore", values)}</Paragraph>
    </EmailLayout>
  );
}

export const projectInvitation = defineEmailTemplate<ProjectInvitationProps>({
  subject: ({ projectName, inviterName }, { t }) => t("projectInvitation.subject", { project: projectName, inviter: inviterName }),
  Component: ProjectInvitation,
});
