import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/**
 * During a grace period (GitLab), a member without a method that counts sees the deadline on every
 * project page, and a way to set one up now. (The enforcement issue's owner fills in the words.)
 */
export async function GraceBanner({ projectId, endsAt }: { projectId: string; endsAt: Date }) {
  const [t, format] = await Promise.all([getTranslations("projectAccess.grace"), getFormatter()]);
  return (
    <Alert tone="warning">
      {t("banner", { deadline: format.dateTime(endsAt, { dateStyle: "long", timeStyle: "short" }) })}{" "}
      <Link href={`/projects/${projectId}/enrol`} className="font-medium underline">
        {t("setUp")}
      </Link>
    </Alert>
  );
}
