import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { describeDevice } from "@/lib/http/user-agent";
import { PERSON_RECENT, type PersonForSupport } from "@/lib/support/person";

/** Recent sessions and trusted computers, each a stacked row: device and state, then IP and times. */
export async function PersonDevices({ sessions, trustedComputers }: Pick<PersonForSupport, "sessions" | "trustedComputers">) {
  const [t, security] = await Promise.all([getTranslations("supportPeople"), getTranslations("security")]);
  const at = (value: Date) => <LocalTime value={value.toISOString()} />;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t("sessions.title")} description={t("sessions.description", { count: PERSON_RECENT })}>
        {sessions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("sessions.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("sessions.title")} data-testid="person-sessions">
            {sessions.map((session) => (
              <li key={session.id} className="py-2.5 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="min-w-0 font-medium break-words text-slate-900">{describeDevice(security, session.device)}</span>
                  <Badge tone={session.active ? "green" : "slate"}>{session.active ? t("sessions.active") : t("sessions.ended")}</Badge>
                </div>
                <p className="mt-1 text-xs break-words text-slate-500">
                  {session.ip ?? t("sessions.unknownAddress")} · {t("sessions.created")} {at(session.createdAt)} · {t("sessions.lastSeen")} {at(session.lastSeenAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("trusted.title")}>
        {trustedComputers.length === 0 ? (
          <p className="text-sm text-slate-600">{t("trusted.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("trusted.title")}>
            {trustedComputers.map((computer) => (
              <li key={computer.id} className="py-2.5 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="min-w-0 font-medium break-words text-slate-900">{describeDevice(security, computer.device)}</span>
                  <Badge tone={computer.active ? "green" : "slate"}>{computer.active ? t("trusted.active") : t("trusted.ended")}</Badge>
                </div>
                <p className="mt-1 text-xs break-words text-slate-500">
                  {computer.ip ?? t("sessions.unknownAddress")} · {t("trusted.lastUsed")} {at(computer.lastUsedAt)} · {t("trusted.expires")} {at(computer.expiresAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
