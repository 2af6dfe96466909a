import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/shell/account-menu";
import { ProjectSwitcher } from "@/components/shell/project-switcher";
import { SideNav, type NavItem } from "@/components/shell/side-nav";
import { Logo } from "@/components/ui/logo";
import { PolicyValuesProvider } from "@/components/ui/policy-values";
import { configuredValues } from "@/lib/policy";
import { requireSession } from "@/lib/auth/session";
import { isSupportStaff } from "@/lib/auth/roles";
import { listProjectNames } from "@/lib/projects/projects";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const { user } = session;
  const [t, tp, projects] = await Promise.all([getTranslations("shell"), getTranslations("projects.switcher"), listProjectNames(session.userId)]);
  const items: NavItem[] = [
    { href: "/account", label: t("nav.account") },
    { href: "/security", label: t("nav.security") },
    { href: "/projects", label: t("nav.projects") },
    ...(isSupportStaff(user.role) ? [{ href: "/support", label: t("nav.support") }] : []),
  ];
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
          <div className="flex min-w-0 items-center gap-2 sm:gap-4">
            <Link href="/security" aria-label={t("home")} className="shrink-0">
              <Logo />
            </Link>
            <ProjectSwitcher projects={projects} labels={{ label: tp("label"), all: tp("all"), none: tp("none") }} />
          </div>
          <AccountMenu
            name={user.name}
            email={user.email}
            labels={{ label: t("menu.label"), settings: t("menu.settings"), security: t("menu.security"), signOut: t("menu.signOut") }}
          />
        </div>
      </header>
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row md:py-10">
        <aside className="md:w-52 md:shrink-0">
          <SideNav label={t("nav.label")} items={items} />
        </aside>
        <main className="min-w-0 flex-1">
          <PolicyValuesProvider configured={configuredValues()}>{children}</PolicyValuesProvider>
        </main>
      </div>
    </div>
  );
}
