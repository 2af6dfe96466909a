import { db } from "@/lib/db";
import { getSession } from "@/lib/auth/session";
import { isDevelopment } from "@/lib/env";

/**
 * Development only: ends sudo mode for the current session at once, so a person trying the
 * app (or a browser test) can see the "Confirm it is you" prompt without waiting out the
 * window. It only ever takes a privilege away. Production answers 404, like /dev/outbox.
 */
export async function DELETE() {
  if (!isDevelopment()) return new Response(null, { status: 404 });
  const session = await getSession();
  if (!session) return new Response(null, { status: 401 });
  await db.session.update({ where: { id: session.id }, data: { verifiedAt: null } });
  return new Response(null, { status: 204 });
}
