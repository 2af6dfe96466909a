import { notFound, redirect } from "next/navigation";
import { findPersonIdByEmail } from "@/lib/support/person";
import { supportPage } from "@/lib/support/support-access";

/** /support/people?email=…: the person page of the account at that address, for links that know only the address. */
export default async function SupportPersonByEmail({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const { user } = await supportPage();
  const { email } = await searchParams;
  const userId = typeof email === "string" ? await findPersonIdByEmail(user.id, email) : null;
  if (!userId) notFound();
  redirect(`/support/people/${userId}`);
}
