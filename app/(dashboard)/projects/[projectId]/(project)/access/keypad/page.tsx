import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Keypad } from "@/components/access/keypad/keypad";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { modeAt } from "@/lib/access/schedule";
import { getDoorSettings, listDoors, listKeypadCards } from "@/lib/access/doors";
import { accessPage } from "@/lib/access/page-access";

type Params = { params: Promise<{ projectId: string }>; searchParams: Promise<{ card?: string | string[]; door?: string | string[] }> };

/** `?card=<facility code>:<card number>` (the "Try at a door" link of a person's card); anything else is ignored. */
function cardParam(value: string | string[] | undefined): { facilityCode: string; cardNumber: string } | null {
  const match = typeof value === "string" ? /^([0-9]{1,5}):([0-9]{1,10})$/.exec(value) : null;
  return match ? { facilityCode: String(Number(match[1])), cardNumber: String(Number(match[2])) } : null;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessDoors.keypad"))("title") };
}

/**
 * The keypad simulator: a door check as a reader would make it, for trying a schedule. A person's
 * card (`?card=12:34567`) and a door (`?door=<id>`, from the door's page) can come chosen.
 */
export default async function KeypadPage({ params, searchParams }: Params) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor } = await accessPage(projectId, "doors.check");
  const [t, doors, cards, settings] = await Promise.all([getTranslations("accessDoors.keypad"), listDoors(actor), listKeypadCards(actor), getDoorSettings(actor)]);
  const now = new Date();
  const choices = doors.map((door) => ({ id: door.id, name: door.name, mode: modeAt(door.schedule, settings.timeZone, now).mode }));
  return (
    <ClientMessages namespaces={["accessDoors", ...FORM_MESSAGES]}>
      <Card title={t("title")} description={t("description")}>
        {doors.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t("noDoors")}{" "}
            <Link href={`/projects/${projectId}/access/doors`} className="font-medium text-brand-700 hover:underline">
              {t("addDoor")}
            </Link>
          </p>
        ) : (
          <Keypad
            projectId={projectId}
            doors={choices}
            cards={cards}
            initialDoorId={typeof query.door === "string" && doors.some((door) => door.id === query.door) ? query.door : undefined}
            initialCard={cardParam(query.card) ?? undefined}
          />
        )}
      </Card>
    </ClientMessages>
  );
}
