import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CardsSection, EntryCodeSection, MfaCodesSection } from "@/components/access/users/credentials";
import { SuspensionBanner } from "@/components/access/users/suspension-banner";
import { DeleteUser, EditUserForm, StatusControl } from "@/components/access/users/user-details";
import { Badge, Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { memberChoices } from "@/lib/access/member-choices";
import { accessPage } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";
import { getAccessUser, isUuid } from "@/lib/access/users";
import { AppError } from "@/lib/errors";

type Props = { params: Promise<{ projectId: string; accessUserId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access.users"))("title") };
}

/** What the page's client parts read: its words, and the sudo prompt's (credential changes need sudo mode). */
const CLIENT_MESSAGES = ["access", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

/**
 * One access user: details (edit, **Suspend** or **Reactivate**, delete) for those who manage
 * users, the suspension banner with **Reinstate codes**, and the credentials: cards, the entry
 * code, **MFA codes**. What the viewer may not change is shown read-only.
 */
export default async function AccessUserPage({ params }: Props) {
  const { projectId, accessUserId } = await params;
  const { actor } = await accessPage(projectId, "access.view");
  if (!isUuid(accessUserId)) notFound();
  const user = await getAccessUser(actor, accessUserId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const managesUsers = can(actor, "users.manage");
  const managesCredentials = can(actor, "credentials.manage");
  const [t, u, c] = await Promise.all([getTranslations("access.users"), getTranslations("access.user"), getTranslations("access.credentials")]);
  const members = managesUsers ? await memberChoices(projectId) : [];
  const ids = { projectId, accessUserId };
  const entry = user.codes.find((code) => code.kind === "entry") ?? null;
  const mfa = user.codes.filter((code) => code.kind === "mfa");
  const person = { id: user.id, name: user.name, email: user.email, externalId: user.externalId, memberUserId: user.memberUserId, status: user.status };
  const memberText = user.member ? `${user.member.name ?? ""}${user.member.email ? ` (${user.member.email})` : ""}${user.member.inProject ? "" : ` – ${u("memberGone")}`}` : u("notLinked");
  return (
    <ClientMessages namespaces={CLIENT_MESSAGES}>
      <div className="space-y-6">
        <div className="space-y-2">
          <Link href={`/projects/${projectId}/access`} className="text-sm font-medium text-brand-700 hover:underline">
            ← {u("back")}
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="min-w-0 text-xl font-semibold break-words text-slate-900">{user.name}</h2>
            <Badge tone={user.status === "active" ? "green" : "red"}>{user.status === "active" ? t("status.active") : t("status.suspended")}</Badge>
          </div>
        </div>
        {user.codesSuspendedAt && (
          <SuspensionBanner
            projectId={projectId}
            accessUserId={user.id}
            reason={user.codesSuspendedReason ?? "member_removed"}
            since={user.codesSuspendedAt.toISOString()}
            memberName={user.member?.name ?? ""}
            memberInProject={user.member?.inProject ?? true}
            canReinstate={managesCredentials}
            canUnlink={managesUsers}
          />
        )}
        <Card title={u("details")} description={managesUsers ? undefined : u("detailsReadOnly")}>
          {managesUsers ? (
            <EditUserForm key={user.updatedAt.toISOString()} projectId={projectId} user={person} members={members} />
          ) : (
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium text-slate-700">{u("email")}</dt>
              <dd className="break-all text-slate-900">{user.email ?? u("none")}</dd>
              <dt className="font-medium text-slate-700">{u("externalId")}</dt>
              <dd className="break-all text-slate-900">{user.externalId ?? u("none")}</dd>
              <dt className="font-medium text-slate-700">{u("member")}</dt>
              <dd className="break-words text-slate-900">{memberText}</dd>
            </dl>
          )}
        </Card>
        <Card title={c("title")} description={managesCredentials ? c("description") : c("readOnly")}>
          <div className="space-y-8">
            <CardsSection ids={ids} cards={user.cards.map(({ id, facilityCode, cardNumber }) => ({ id, facilityCode, cardNumber }))} canManage={managesCredentials} canTry={can(actor, "doors.check")} />
            <MfaCodesSection ids={ids} codes={mfa.map(({ id, length }) => ({ id, length }))} canManage={managesCredentials} />
            <EntryCodeSection ids={ids} code={entry ? { id: entry.id, length: entry.length } : null} canManage={managesCredentials} />
          </div>
        </Card>
        {managesUsers && (
          <Card title={u("statusTitle")}>
            <StatusControl projectId={projectId} user={person} />
          </Card>
        )}
        {managesUsers && (
          <Card title={u("delete.title")} description={u("delete.description")}>
            <DeleteUser projectId={projectId} user={person} />
          </Card>
        )}
      </div>
    </ClientMessages>
  );
}
