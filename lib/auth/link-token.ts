import crypto from "node:crypto";
import { z } from "zod";

/** 256 random bits, URL-safe: what every emailed link carries. Only its hash is stored. */
export const newLinkToken = () => crypto.randomBytes(32).toString("base64url");

export const hashLinkToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Rejects anything that newLinkToken could not have made before it reaches the database. */
export const isLinkToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** A form that carries an emailed link's token (verify email, confirm an email change). */
export const linkTokenSchema = z.object({ token: z.string().min(1).max(200) });
