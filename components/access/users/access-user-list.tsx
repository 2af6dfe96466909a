import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AccessUserSummary } from "@/lib/access/users";
import { Badge } from "@/components/ui/card";

/**
 * The project's access users, one row each: name (a link to the person), email or external id,
 * status, and what they carry (cards, MFA codes, entry code). A list rather than a table, so a
 * phone shows each person whole.
 */
export async function AccessUserList({ projectId, users }: { projectId: string; users: AccessUserSummary[] }) {
  const t = await getTranslations("access.users");
  return (
    <ul className="-mx-5 divide-y divide-slate-100" aria-label={t("label")}>
      {users.map((user) => (
        <li key={user.id} className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <Link href={`/projects/${projectId}/access/users/${user.id}`} className="font-medium break-words text-brand-700 hover:underline">
              {user.name}
            </Link>
            <div className="text-sm [overflow-wrap:anywhere] text-slate-600">{[user.email, user.externalId].filter(Boolean).join(" · ") || t("noContact")}</div>
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600 sm:shrink-0 sm:justify-end">
            <Badge tone={user.status === "active" ? "green" : "red"}>{user.status === "active" ? t("status.active") : t("status.suspended")}</Badge>
            {user.codesSuspendedAt && <Badge tone="amber">{t("codesSuspended")}</Badge>}
            {user.memberUserId && <Badge>{t("linked")}</Badge>}
            <span className="whitespace-nowrap">{t("cards", { count: user.cardCount })}</span>
            <span aria-hidden="true">·</span>
            <span className="whitespace-nowrap">{t("mfaCodes", { count: user.mfaCodeCount })}</span>
            {user.hasEntryCode && (
              <>
                <span aria-hidden="true">·</span>
                <span className="whitespace-nowrap">{t("entryCode")}</span>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
