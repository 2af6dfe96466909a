import { Badge } from "@/components/ui/card";
import { auditLabel } from "@/lib/audit/labels";
import { LocalTime } from "@/components/ui/local-time";
import { describeUserAgent } from "@/lib/http/user-agent";

type Event = { id: string; type: string; outcome: string; ip: string | null; userAgent: string | null; createdAt: Date };

export function SecurityEvents({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No security events yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Recent security events">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5">
          <span className="flex items-center gap-2 text-sm text-slate-900">
            {auditLabel(event.type, event.outcome)}
            {event.outcome === "failure" && <Badge tone="red">failed</Badge>}
          </span>
          <span className="text-xs text-slate-500">
            <LocalTime value={event.createdAt.toISOString()} /> · {event.ip ?? "unknown address"} · {describeUserAgent(event.userAgent)}
          </span>
        </li>
      ))}
    </ul>
  );
}
