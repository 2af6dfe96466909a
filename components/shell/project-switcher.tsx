"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useDismiss } from "./use-dismiss";

export type SwitcherProject = { id: string; name: string };
export type ProjectSwitcherLabels = { label: string; all: string; none: string };

/**
 * The shell's project switcher: the project of the current page (or "No project"), and a menu of
 * the person's projects. Only names and ids reach the browser; each project's own pages decide
 * access again (lib/projects/access.ts).
 */
export function ProjectSwitcher({ projects, labels }: { projects: SwitcherProject[]; labels: ProjectSwitcherLabels }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const currentId = /^\/projects\/([^/?#]+)/.exec(pathname)?.[1];
  const current = projects.find((project) => project.id === currentId);

  useEffect(() => setOpen(false), [pathname]);
  useDismiss(open, close, root, button);

  return (
    <div className="relative min-w-0" ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
        className="flex max-w-48 items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 sm:max-w-64"
      >
        <span className="sr-only">{labels.label}: </span>
        <span className="truncate font-medium">{current?.name ?? labels.none}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-400" fill="currentColor">
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {open && (
        <div id={menuId} className="absolute left-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <ul>
            {projects.map((project) => (
              <li key={project.id}>
                <Link
                  href={`/projects/${project.id}`}
                  aria-current={project.id === currentId ? "page" : undefined}
                  className="block truncate rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
                >
                  {project.name}
                </Link>
              </li>
            ))}
          </ul>
          <Link href="/projects" className="mt-1 block rounded-md border-t border-slate-100 px-3 py-2 text-sm text-slate-600 hover:bg-slate-50">
            {labels.all}
          </Link>
        </div>
      )}
    </div>
  );
}
