import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateKeyForm } from "@/components/api/create-key-form";
import { KeyList } from "@/components/api/key-list";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { apiKeyState, listApiKeys } from "@/lib/api/keys";
import { projectPage } from "@/lib/projects/access";

type Params = { params: Promise<{ projectId: string }> };

const MESSAGES = ["api.create", "api.shown", "api.list", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api"))("title") };
}

/** API keys (owners and admins): the project's keys for /api/v1, **Create API key**, **Revoke**, and the reference. */
export default async function ApiKeysPage({ params }: Params) {
  const { project } = await projectPage((await params).projectId, "admin");
  const [keys, t] = await Promise.all([listApiKeys(project.id), getTranslations("api")]);
  const now = new Date();
  const views = keys.map((key) => ({
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy?.name ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: key.lastUsedIp,
    state: apiKeyState(key, now),
  }));
  return (
    <ClientMessages namespaces={MESSAGES}>
      <div className="space-y-6">
        <Card
          title={t("create.title")}
          description={
            <>
              {t("intro")}{" "}
              <Link href="/docs/api" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                {t("referenceLink")}
              </Link>
            </>
          }
        >
          <CreateKeyForm projectId={project.id} />
        </Card>
        <Card title={t("list.title")}>
          <KeyList projectId={project.id} keys={views} />
        </Card>
      </div>
    </ClientMessages>
  );
}
