import { Button } from "@react-email/components";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph, SECURITY_SETTINGS_PATH } from "./layout";

/**
 * Where the member stands under the new requirement: has a method that counts already, may
 * still enter until the grace period ends, must set one up on the next access, or is under an
 * owner's exception until a date.
 */
export type ProjectPolicyStatus = "ready" | "grace" | "now" | "exempt";

/** A project requires 2FA from its members (lib/projects/policy.ts): what, by when, how. */
export type ProjectPolicyRequiredProps = {
  name?: string;
  projectId: string;
  projectName: string;
  level: TwoFactorLevel;
  secureMethodsOnly: boolean;
  status: ProjectPolicyStatus;
  /** The grace period's end ("grace") or the exception's ("exempt"). */
  until?: Date | null;
};

export const buttonStyle = { backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px", marginBottom: "16px" } as const;

/** What the project asks (the level, and whether phones count), the same words in both project emails. */
export function Requirement({ t, project, level, secureMethodsOnly }: Pick<EmailContext, "t"> & { project: string; level: TwoFactorLevel; secureMethodsOnly: boolean }) {
  return (
    <>
      <Paragraph>{t("projectPolicyRequired.level", { project, level, trustDays: POLICY_VALUES.trustDays })}</Paragraph>
      {secureMethodsOnly && <Paragraph>{t("projectPolicyRequired.secureOnly")}</Paragraph>}
    </>
  );
}

function ProjectPolicyRequired({ name, projectId, projectName, level, secureMethodsOnly, status, until, ...context }: ProjectPolicyRequiredProps & EmailContext) {
  const { t, format, appUrl } = context;
  const project = projectName;
  const needsSetUp = status !== "ready";
  // Whoever must act lands on the project's setup (which returns to the project); the rest on the project.
  const link = `${appUrl}/projects/${projectId}${needsSetUp ? "/enrol" : ""}`;
  const when = until ? format.dateTime(until) : "";
  return (
    <EmailLayout {...context} preview={t("projectPolicyRequired.preview", { project })} heading={t("projectPolicyRequired.heading", { project })}>
      <Greeting t={t} name={name} />
      <Requirement t={t} project={project} level={level} secureMethodsOnly={secureMethodsOnly} />
      <Paragraph>
        {status === "grace"
          ? t("projectPolicyRequired.status.grace", { deadline: when })
          : status === "exempt"
            ? t("projectPolicyRequired.status.exempt", { until: when })
            : t(`projectPolicyRequired.status.${status}`)}
      </Paragraph>
      <Button href={link} style={buttonStyle}>
        {needsSetUp ? t("projectPolicyRequired.setUp") : t("projectPolicyRequired.open", { project })}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      {needsSetUp && <Paragraph>{t.rich("projectPolicyRequired.howTo", linkTo(`${appUrl}${SECURITY_SETTINGS_PATH}`))}</Paragraph>}
    </EmailLayout>
  );
}

export const projectPolicyRequired = defineEmailTemplate<ProjectPolicyRequiredProps>({
  subject: ({ projectName }, { t }) => t("projectPolicyRequired.subject", { project: projectName }),
  Component: ProjectPolicyRequired,
});
