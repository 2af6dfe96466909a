import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeleteDoor } from "@/components/access/doors/delete-door";
import { DoorNameForm } from "@/components/access/doors/door-name-form";
import { ScheduleEditor } from "@/components/access/doors/schedule-editor";
import { ScheduleNow } from "@/components/access/doors/schedule-now";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { getDoor, getDoorSettings } from "@/lib/access/doors";
import { accessPage } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";

type Params = { params: Promise<{ projectId: string; doorId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessDoors"))("title") };
}

const CLIENT_MESSAGES = ["accessDoors", "projectMembers.cancel", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

async function doorOrNotFound(actor: Parameters<typeof getDoor>[0], doorId: string) {
  try {
    return await getDoor(actor, doorId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** One door: what is in force now, its weekly schedule, its name, and deleting it. */
export default async function DoorPage({ params }: Params) {
  const { projectId, doorId } = await params;
  const { actor } = await accessPage(projectId, "access.view");
  const [t, door, settings] = await Promise.all([getTranslations("accessDoors"), doorOrNotFound(actor, doorId), getDoorSettings(actor)]);
  const manages = can(actor, "doors.manage");
  return (
    <ClientMessages namespaces={CLIENT_MESSAGES}>
      <div className="space-y-6">
        <div>
          <Link href={`/projects/${projectId}/access/doors`} className="text-sm font-medium text-brand-700 hover:underline">
            ← {t("door.back")}
          </Link>
          <h2 className="mt-2 text-xl font-semibold break-words text-slate-900">{door.name}</h2>
          <p className="mt-1 text-sm text-slate-700" data-testid="door-now">
            <ScheduleNow schedule={door.schedule} timeZone={settings.timeZone} now={new Date()} />
            <span className="text-slate-500"> · {t("now.zone", { zone: settings.timeZone })}</span>
          </p>
          {can(actor, "doors.check") && (
            <Link href={`/projects/${projectId}/access/keypad?door=${door.id}`} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
              {t("door.tryOnKeypad")} <span aria-hidden="true">→</span>
            </Link>
          )}
        </div>
        <Card title={t("schedule.title")} description={t("schedule.description")}>
          <ScheduleEditor projectId={projectId} doorId={door.id} schedule={door.schedule} canManage={manages} />
        </Card>
        {manages && (
          <>
            <Card title={t("door.nameTitle")}>
              <DoorNameForm projectId={projectId} doorId={door.id} name={door.name} />
            </Card>
            <Card title={t("door.deleteTitle")} description={t("door.deleteDescription")}>
              <DeleteDoor projectId={projectId} doorId={door.id} name={door.name} />
            </Card>
          </>
        )}
      </div>
    </ClientMessages>
  );
}
