import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Keypad } from "@/components/access/keypad/keypad";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { modeAt } from "@/lib/access/schedule";
import { getDoorSettings, listDoors, listKeypadCards } from "@/lib/access/doors";
import { accessPage } from "@/lib/access/page-access";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessDoors.keypad"))("title") };
}

/** The keypad simulator: a door check as a reader would make it, for trying a schedule. */
export default async function KeypadPage({ params }: Params) {
  const { projectId } = await params;
  const { actor } = await accessPage(projectId, "doors.check");
  const [t, doors, cards, settings] = await Promise.all([getTranslations("accessDoors.keypad"), listDoors(actor), listKeypadCards(actor), getDoorSettings(actor)]);
  const now = new Date();
  const choices = doors.map((door) => ({ id: door.id, name: door.name, mode: modeAt(door.schedule, settings.timeZone, now).mode }));
  return (
    <ClientMessages namespaces={["accessDoors", ...FORM_MESSAGES]}>
      <Card title={t("title")} description={t("description")}>
        {doors.length === 0 ? <p className="text-sm text-slate-600">{t("noDoors")}</p> : <Keypad projectId={projectId} doors={choices} cards={cards} />}
      </Card>
    </ClientMessages>
  );
}
