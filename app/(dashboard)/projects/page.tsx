import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Projects" description="Projects you own or belong to, and the two-factor level each requires." />
      <Card title="No projects yet" description="When a project owner invites you, the project appears here with its two-factor requirement." />
    </>
  );
}
