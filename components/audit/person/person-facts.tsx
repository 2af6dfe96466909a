import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { PersonForSupport } from "@/lib/support/person";
import { Fact, Facts } from "./facts";

const COMPLIANCE_TONE = { compliant: "green", exempt: "amber", grace: "amber", not_compliant: "red" } as const;

/** The account, its locks and requirements, its two-factor methods and its projects. */
export async function PersonFacts({ person }: { person: PersonForSupport }) {
  const t = await getTranslations("supportPeople");
  const { user } = person;
  const time = (value: Date) => () => <LocalTime value={value.toISOString()} />;
  const locks = [
    user.twoFactorLockedUntil && user.twoFactorLockedUntil > new Date() && t.rich("locks.lockedUntil", { time: time(user.twoFactorLockedUntil) }),
    user.twoFactorSuspendedAt && t.rich("locks.suspended", { time: time(user.twoFactorSuspendedAt) }),
    user.passwordResetRequiredAt && t.rich("locks.passwordResetRequired", { time: time(user.passwordResetRequiredAt) }),
    user.passwordChangeRequiredAt && t.rich("locks.passwordChangeRequired", { time: time(user.passwordChangeRequiredAt) }),
    user.twoFactorResetAt && t.rich("locks.twoFactorReset", { time: time(user.twoFactorResetAt) }),
  ].filter(Boolean);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t("account.title")}>
        <Facts>
          <Fact term={t("account.name")}>{user.name}</Fact>
          <Fact term={t("account.email")}>
            <span className="break-all">{user.email}</span>
          </Fact>
          <Fact term={t("account.role")}>{t(`roles.${user.role}`)}</Fact>
          <Fact term={t("account.created")}>
            <LocalTime value={user.createdAt.toISOString()} />
          </Fact>
          <Fact term={t("account.emailVerified")}>{user.emailVerifiedAt ? <LocalTime value={user.emailVerifiedAt.toISOString()} /> : <Badge tone="amber">{t("account.notVerified")}</Badge>}</Fact>
          <Fact term={t("account.twoFactor")}>
            <Badge tone={user.twoFactorState === "enabled" ? "green" : "amber"}>{t(`states.${user.twoFactorState}`)}</Badge>
          </Fact>
          <Fact term={t("account.level")}>{t(`levels.${user.twoFactorLevel}`)}</Fact>
          <Fact term={t("account.emailLogin")}>{user.emailLoginVerification ? t("account.on") : t("account.off")}</Fact>
        </Facts>
      </Card>
      <div className="space-y-6">
        <Card title={t("account.noticesTitle")}>
          {locks.length === 0 ? (
            <p className="text-sm text-slate-600">{t("account.noNotices")}</p>
          ) : (
            <ul className="space-y-2 text-sm text-red-800" data-testid="person-locks">
              {locks.map((lock, index) => (
                <li key={index} className="rounded-md bg-red-50 px-3 py-2 ring-1 ring-red-200">
                  {lock}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("factors.title")} description={person.factors.length > 0 || person.recoveryCodesLeft > 0 ? t("factors.recoveryCodes", { count: person.recoveryCodesLeft }) : undefined}>
          {person.factors.length === 0 ? (
            <p className="text-sm text-slate-600">{t("factors.none")}</p>
          ) : (
            <Facts>
              {person.factors.map((kind) => (
                <Fact key={kind.type} term={t(`factors.kinds.${kind.type}`)}>
                  {t("factors.count", { count: kind.count })}
                  {kind.labels.length > 0 && <span className="text-slate-600"> · {kind.labels.join(", ")}</span>}
                </Fact>
              ))}
            </Facts>
          )}
        </Card>
      </div>
      <div className="lg:col-span-2">
        <Card title={t("projects.title")}>
          {person.projects.length === 0 ? (
            <p className="text-sm text-slate-600">{t("projects.none")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {person.projects.map((project) => (
                <li key={project.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
                  <Link href={`/support?projectId=${encodeURIComponent(project.id)}`} className="min-w-0 font-medium break-words text-brand-700 hover:underline">
                    {project.name}
                  </Link>
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="text-slate-600">{t(`projects.roles.${project.role}`)}</span>
                    <Badge tone={COMPLIANCE_TONE[project.compliance]}>{t(`projects.compliance.${project.compliance}`)}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
