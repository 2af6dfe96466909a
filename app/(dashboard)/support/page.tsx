import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { LocalTime } from "@/components/ui/local-time";
import { auditFilterSchema, listAuditEvents } from "@/lib/support/list-audit-events";
import { supportAccess } from "@/lib/support/support-access";

export const metadata: Metadata = { title: "Support" };

export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requireSession();
  const access = await supportAccess(user.id);
  if (access === "not_staff") notFound();
  // Enrol first: the security page says why (SupportTwoFactorNotice) and offers the authenticator.
  if (access === "needs_second_factor") redirect("/security?required=support");
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse({
    email: typeof raw.email === "string" ? raw.email : undefined,
    type: typeof raw.type === "string" ? raw.type : undefined,
  });
  const filter: { email?: string; type?: string } = parsed.success ? parsed.data : {};
  const events = await listAuditEvents(user.id, filter);
  return (
    <>
      <PageHeader title="Support" description="The platform's audit log: every security-relevant change, newest first." />
      <Card title="Audit log">
        <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
          <label className="text-sm">
            <span className="block font-medium text-slate-800">Person's email</span>
            <input name="email" type="search" defaultValue={filter.email ?? ""} className="mt-1 w-64 max-w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-800">Event type</span>
            <input name="type" type="search" defaultValue={filter.type ?? ""} placeholder="auth.sign_in" className="mt-1 w-48 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Filter
          </button>
        </form>
        {!parsed.success && <Alert tone="error" className="mb-4">{parsed.error.issues[0]?.message}</Alert>}
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No events match.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Time</th>
                  <th className="py-2 pr-4 font-medium">Event</th>
                  <th className="py-2 pr-4 font-medium">Person</th>
                  <th className="py-2 pr-4 font-medium">Actor</th>
                  <th className="py-2 font-medium">Address</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((event) => (
                  <tr key={event.id}>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-600"><LocalTime value={event.createdAt.toISOString()} /></td>
                    <td className="py-2 pr-4">
                      <span className="font-mono text-xs">{event.type}</span>{" "}
                      {event.outcome === "failure" && <Badge tone="red">failed</Badge>}
                    </td>
                    <td className="py-2 pr-4 break-all">{event.subjectEmail ?? "—"}</td>
                    <td className="py-2 pr-4 break-all">{event.actorEmail ?? "—"}</td>
                    <td className="py-2 text-slate-600">{event.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
