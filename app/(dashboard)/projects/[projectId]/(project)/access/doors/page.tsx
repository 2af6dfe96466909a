import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AddDoorForm } from "@/components/access/doors/add-door-form";
import { DoorList } from "@/components/access/doors/door-list";
import { DoorSettingsForm } from "@/components/access/doors/door-settings-form";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { timeZones } from "@/lib/access/door-schemas";
import { getDoorSettings, listDoors } from "@/lib/access/doors";
import { accessPage } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessDoors"))("title") };
}

/** The door settings' sudo prompt needs its words too. */
const CLIENT_MESSAGES = ["accessDoors", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

/** Doors: the list with what is in force now, **Add door**, and the project's door settings. */
export default async function DoorsPage({ params }: Params) {
  const { projectId } = await params;
  const { actor } = await accessPage(projectId, "access.view");
  const [t, doors, settings] = await Promise.all([getTranslations("accessDoors"), listDoors(actor), getDoorSettings(actor)]);
  const manages = can(actor, "doors.manage");
  return (
    <ClientMessages namespaces={CLIENT_MESSAGES}>
      <div className="space-y-6">
        <Card
          title={t("list.title")}
          description={
            <>
              {t("description")}
              <span className="mt-1 block text-slate-500">{t("now.zone", { zone: settings.timeZone })}</span>
            </>
          }
        >
          <DoorList projectId={projectId} doors={doors} timeZone={settings.timeZone} now={new Date()} />
        </Card>
        {manages && (
          <Card title={t("add.title")}>
            <AddDoorForm projectId={projectId} />
          </Card>
        )}
        <Card title={t("settings.title")} description={t("settings.description")}>
          <DoorSettingsForm projectId={projectId} timeZone={settings.timeZone} accessRequiresTwoFactor={settings.accessRequiresTwoFactor} zones={timeZones()} canManage={manages} />
        </Card>
      </div>
    </ClientMessages>
  );
}
