"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The upload: a file input (the keyboard's way) inside a drop zone (the mouse's). The file goes
 * to the upload route as the request body and comes back as an import id: the page then shows
 * that import's preview (?import=<id>).
 */
export function UploadForm({ projectId, locked }: { projectId: string; locked: boolean }) {
  const t = useTranslations("accessImport.upload");
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !locked) {
      // The input shows (and holds) the dropped file, as if it had been chosen.
      if (input.current) input.current.files = event.dataTransfer.files;
      setFile(dropped);
      setError(null);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t("none"));
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/projects/${projectId}/access/import`, {
        method: "POST",
        body: file,
        headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(file.name) },
      });
      const body = (await response.json().catch(() => null)) as { importId?: string; detail?: string } | null;
      if (!response.ok || !body?.importId) {
        setError(body?.detail ?? t("failed"));
        return;
      }
      setFile(null);
      if (input.current) input.current.value = "";
      router.push(`/projects/${projectId}/access/import?import=${body.importId}`);
    } catch {
      setError(t("failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          if (!locked) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        className={`rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
      >
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("drop")}
        </label>
        <input
          ref={input}
          id={id}
          name="file"
          type="file"
          accept=".csv,text/csv"
          disabled={locked || busy}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
          className="mx-auto mt-3 block max-w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 file:shadow-xs file:ring-1 file:ring-slate-300 file:ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50"
        />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={locked || busy || !file}>
        {busy ? t("checking") : t("check")}
      </Button>
    </form>
  );
}
