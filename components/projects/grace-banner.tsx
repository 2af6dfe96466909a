import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";

/**
 * During a grace period (GitLab), a member without a method that counts sees the deadline on every
 * project page, and a way to set one up now. (The enforcement issue's owner fills in the words.)
 */
export async function GraceBanner({ projectId, endsAt }: { projectId: string; endsAt: Date }) {
  const t = await getTranslations("projectAccess.grace");
  return (
    <Alert tone="warning">
      {t.rich("banner", { time: () => <LocalTime value={endsAt.toISOString()} /> })}{" "}
      <Link href={`/projects/${projectId}/enrol`} className="font-medium underline">
        {t("setUp")}
      </Link>
    </Alert>
  );
}
