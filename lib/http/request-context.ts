import { isIP } from "node:net";

import type { Locale } from "@/lib/i18n/locales";
import { localeFromHeaders } from "@/lib/i18n/negotiate";

/** Who is asking, for audit events and limits; `locale` is what their browser asks for (sign-up and sign-in remember it for emails). */
export type RequestContext = { ip: string | null; userAgent: string | null; locale?: Locale | null };

/**
 * The client address is the last entry of X-Forwarded-For, as set by the reverse proxy in
 * front of Tessera. Next.js fills the header from the socket only when it is missing, so
 * without such a proxy a client can claim any address (README, "Running in production").
 */
export function requestContextFrom(headers: Headers): RequestContext {
  return { ...requestClientFrom(headers), locale: localeFromHeaders(headers) };
}

/** The address and User-Agent of requestContextFrom, without negotiating the language (the API asks for it only when it answers in words). */
export function requestClientFrom(headers: Headers): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  const candidate = forwarded?.at(-1) ?? headers.get("x-real-ip") ?? null;
  const ip = candidate && isIP(candidate.replace(/^::ffff:/, "")) ? candidate.replace(/^::ffff:/, "") : null;
  return { ip, userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
