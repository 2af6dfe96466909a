"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The signing key's public half, selectable and copyable, with its fingerprint. */
export function PublicKey({ pem, fingerprint }: { pem: string; fingerprint: string }) {
  const t = useTranslations("auditChain.key");
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pem);
      setStatus(t("copied"));
    } catch {
      setStatus(t("copyFailed"));
    }
  };
  return (
    <dl className="space-y-3 text-sm">
      <div>
        <dt className="font-medium text-slate-800">{t("fingerprint")}</dt>
        <dd data-testid="audit-key-fingerprint" className="mt-1 font-mono break-words text-slate-900">{fingerprint}</dd>
      </div>
      <div>
        <dt className="font-medium text-slate-800">{t("publicKey")}</dt>
        <dd className="mt-1">
          <pre className="rounded-md whitespace-pre-wrap break-all bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-slate-200 select-all">{pem.trim()}</pre>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={copy}>
              {t("copy")}
            </Button>
            <span role="status" className="text-sm text-emerald-700">
              {status}
            </span>
          </div>
        </dd>
      </div>
    </dl>
  );
}
