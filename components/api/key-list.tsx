"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { revokeApiKeyAction } from "@/lib/actions/api/keys";
import { useSettingsAction } from "@/components/projects/settings/use-settings-action";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

export type KeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: ("read" | "write")[];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  state: "active" | "revoked" | "expired";
};

/** The project's keys, newest first: what each may do, who made it, when it ends, its last use; **Revoke** after a confirmation. */
export function KeyList({ projectId, keys }: { projectId: string; keys: KeyView[] }) {
  const t = useTranslations("api.list");
  if (keys.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label={t("label")}>
      {keys.map((key) => (
        <KeyItem key={key.id} projectId={projectId} apiKey={key} />
      ))}
    </ul>
  );
}

function KeyItem({ projectId, apiKey }: { projectId: string; apiKey: KeyView }) {
  const t = useTranslations("api.list");
  const [confirming, setConfirming] = useState(false);
  const revoke = useSettingsAction((formData: FormData) => revokeApiKeyAction(formData));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    revoke.run(new FormData(event.currentTarget));
  };
  const tone = apiKey.state === "active" ? "green" : apiKey.state === "revoked" ? "red" : "slate";
  return (
    <li className="space-y-3 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="break-words font-medium text-slate-900">{apiKey.name}</span>
            <Badge tone={tone}>{t(apiKey.state)}</Badge>
          </p>
          <p className="break-all font-mono text-xs text-slate-600">
            <span className="sr-only">{t("key")}: </span>tsk_{apiKey.prefix}_…
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
            <dt className="text-slate-500">{t("scopes")}</dt>
            <dd>{apiKey.scopes.map((scope) => t(scope === "read" ? "scopeRead" : "scopeWrite")).join(", ")}</dd>
            <dt className="text-slate-500">{t("created")}</dt>
            <dd>
              <LocalTime value={apiKey.createdAt} />
              {apiKey.createdBy && <span className="text-slate-500"> · {t("by", { name: apiKey.createdBy })}</span>}
            </dd>
            <dt className="text-slate-500">{t("expires")}</dt>
            <dd>{apiKey.expiresAt ? <LocalTime value={apiKey.expiresAt} /> : t("never")}</dd>
            <dt className="text-slate-500">{t("lastUsed")}</dt>
            <dd>
              {apiKey.lastUsedAt ? <LocalTime value={apiKey.lastUsedAt} /> : t("notUsed")}
              {apiKey.lastUsedIp && <span className="text-slate-500"> · {t("from", { ip: apiKey.lastUsedIp })}</span>}
            </dd>
          </dl>
        </div>
        {apiKey.state !== "revoked" && !confirming && (
          <Button type="button" variant="secondary" aria-label={t("revokeLabel", { name: apiKey.name })} onClick={() => setConfirming(true)}>
            {t("revoke")}
          </Button>
        )}
      </div>
      {confirming && apiKey.state !== "revoked" && (
        <form onSubmit={submit} className="space-y-3 rounded-md bg-red-50 p-3 ring-1 ring-red-200" role="group" aria-label={t("revokeLabel", { name: apiKey.name })}>
          <input type="hidden" name="projectId" value={projectId} />
          <input type="hidden" name="keyId" value={apiKey.id} />
          <p className="text-red-900">{t("confirm", { name: apiKey.name })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={revoke.pending}>
              {t("confirmRevoke")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
      {revoke.notice.notice && (
        <Alert ref={revoke.notice.ref} tone="success">
          {revoke.notice.notice}
        </Alert>
      )}
      {revoke.refusal && <Alert tone="error">{revoke.refusal}</Alert>}
    </li>
  );
}
