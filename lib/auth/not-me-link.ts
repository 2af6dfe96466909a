import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { NOT_ME_LINK_TTL_MS } from "@/lib/policy/limits";
import { hashLinkToken, isLinkToken, newLinkToken } from "./link-token";

/** The VerificationToken purpose of a "This wasn't me" link, and of the step it opens (lib/auth/not-me.ts). */
export const NOT_ME_PURPOSE = "not_me";
export const NOT_ME_PATH = "/not-me";

/**
 * A "This wasn't me" link for one security email: a token of its own (only its SHA-256 is
 * kept), valid for 7 days and until the account is secured with it. Opening it changes nothing;
 * the page asks for the current password first (lib/auth/not-me.ts). `email` is the address
 * the email goes to, which is not always the account's (an email change tells the old one).
 */
export async function issueNotMeLink(userId: string, email: string, now = new Date()): Promise<string> {
  const token = newLinkToken();
  await db.verificationToken.create({
    data: { userId, purpose: NOT_ME_PURPOSE, email, tokenHash: hashLinkToken(token), expiresAt: new Date(now.getTime() + NOT_ME_LINK_TTL_MS), createdAt: now },
  });
  return `${getEnv().APP_URL}${NOT_ME_PATH}?token=${token}`;
}

/** The page a link opens, where its forms send a browser back (with `?failed=` on a refusal). */
export function notMePage(token: unknown): string {
  return typeof token === "string" && isLinkToken(token) ? `${NOT_ME_PATH}?token=${token}` : NOT_ME_PATH;
}

/** The link's token as its forms post it. */
export const notMeTokenField = z.string().min(1).max(200);
