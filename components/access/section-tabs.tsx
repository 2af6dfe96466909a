"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The Access control section's parts: a row of pills under the project's tabs; the first is current only on its own path. */
export function SectionTabs({ label, tabs }: { label: string; tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {tabs.map((tab, index) => {
        const current = index === 0 ? pathname === tab.href || pathname.startsWith(`${tab.href}/users`) : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-full px-3 py-1.5 text-sm font-medium ring-1 ${
              current ? "bg-brand-50 text-brand-800 ring-brand-200" : "text-slate-700 ring-slate-200 hover:bg-slate-50"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
