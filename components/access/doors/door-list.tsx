import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DoorSummary } from "@/lib/access/doors";
import { ScheduleNow } from "./schedule-now";

/** The project's doors: name (a link to the door), how many windows, and what is in force now. */
export async function DoorList({ projectId, doors, timeZone, now }: { projectId: string; doors: DoorSummary[]; timeZone: string; now: Date }) {
  const t = await getTranslations("accessDoors.list");
  if (doors.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label={t("title")}>
      {doors.map((door) => (
        <li key={door.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <Link href={`/projects/${projectId}/access/doors/${door.id}`} className="font-medium break-words text-brand-700 hover:underline">
              {door.name}
            </Link>
            <p className="text-xs text-slate-500">{t("windows", { count: door.schedule.length })}</p>
          </div>
          <p className="text-sm text-slate-700 sm:text-right">
            <ScheduleNow schedule={door.schedule} timeZone={timeZone} now={now} />
          </p>
        </li>
      ))}
    </ul>
  );
}
