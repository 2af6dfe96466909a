"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { PolicyPreview, PreviewPerson } from "@/lib/projects/policy-preview";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

type Props = { preview: PolicyPreview; changed: boolean; pending: boolean; onConfirm: () => void; onCancel: () => void };

/**
 * "Before tightening, see who it hits": who would be blocked at once, who enters the grace period
 * and until when, who is under an exception, who is unaffected; then Confirm or Cancel. Focus
 * moves here when it appears, so the question is not missed.
 */
export function PolicyPreviewPanel({ preview, changed, pending, onConfirm, onCancel }: Props) {
  const t = useTranslations("projectSettings.preview");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview]);
  const blocked = preview.blocked.length;
  return (
    <section aria-labelledby="policy-preview-title" className="space-y-4 rounded-lg bg-amber-50/60 p-4 ring-1 ring-amber-200">
      <h3 id="policy-preview-title" ref={heading} tabIndex={-1} className="text-sm font-semibold text-slate-900 outline-none">
        {t("title")}
      </h3>
      {changed && <Alert tone="warning">{t("changed")}</Alert>}
      <Group title={t("blocked", { count: blocked })} hint={blocked > 0 ? t("blockedHint") : undefined} people={preview.blocked} testId="preview-blocked" />
      {preview.grace.length > 0 && preview.graceEndsAt && (
        <Group
          title={t("grace", { count: preview.grace.length })}
          hint={t.rich("graceHint", { time: () => <LocalTime value={preview.graceEndsAt!} /> })}
          people={preview.grace}
          testId="preview-grace"
        />
      )}
      {preview.exempt.length > 0 && (
        <Group
          title={t("exempt", { count: preview.exempt.length })}
          people={preview.exempt}
          testId="preview-exempt"
          detail={(person) => t.rich("exemptUntil", { time: () => <LocalTime value={(person as PreviewPerson & { until: string }).until} /> })}
        />
      )}
      <details className="text-sm" data-testid="preview-unaffected">
        <summary className="cursor-pointer font-medium text-slate-800">{t("unaffected", { count: preview.unaffected.length })}</summary>
        <People people={preview.unaffected} />
      </details>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant={blocked > 0 ? "danger" : "primary"} disabled={pending} onClick={onConfirm}>
          {t("confirm")}
        </Button>
        <Button variant="ghost" disabled={pending} onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </section>
  );
}

type GroupProps = {
  title: string;
  hint?: React.ReactNode;
  people: PreviewPerson[];
  testId: string;
  detail?: (person: PreviewPerson) => React.ReactNode;
};

function Group({ title, hint, people, testId, detail }: GroupProps) {
  return (
    <div data-testid={testId}>
      <p className="text-sm font-medium text-slate-900">{title}</p>
      {hint && <p className="mt-0.5 text-sm text-slate-600">{hint}</p>}
      <People people={people} detail={detail} />
    </div>
  );
}

function People({ people, detail }: { people: PreviewPerson[]; detail?: (person: PreviewPerson) => React.ReactNode }) {
  const t = useTranslations("projectSettings.preview");
  const roles = useTranslations("projects.roles");
  if (people.length === 0) return null;
  return (
    <ul className="mt-2 divide-y divide-slate-100 rounded-md bg-white ring-1 ring-slate-200">
      {people.map((person) => (
        <li key={person.userId} className="flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 text-sm">
          <span className="font-medium text-slate-900">{person.name}</span>
          <span className="min-w-0 break-all text-slate-600">{person.email}</span>
          <Badge>{roles(person.role)}</Badge>
          {person.you && <Badge tone="amber">{t("you")}</Badge>}
          {detail && <span className="text-slate-600">{detail(person)}</span>}
        </li>
      ))}
    </ul>
  );
}
