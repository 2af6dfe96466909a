"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** `badge`: a short count beside the label (the support console's open cases), read as part of its name. */
export type ProjectTab = { href: string; label: string; badge?: string };

/** The project's sections; the first (the overview) is current only on its own path. */
export function ProjectTabs({ label, tabs }: { label: string; tabs: ProjectTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mb-px flex gap-4 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab, index) => {
        const current = index === 0 ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-1 pb-2 text-sm font-medium ${
              current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"
            }`}
          >
            {tab.label}
            {tab.badge && <span className="ml-1.5 rounded-full bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{tab.badge}</span>}
          </Link>
        );
      })}
    </nav>
  );
}
