import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { requestContextFrom } from "@/lib/http/request-context";
import { sessionCookieConfig } from "./cookies";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { signInWithPassword } from "./sign-in";

class SignInFailure extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * next-auth carries an encrypted cookie that names our server-side session row (`sid`).
 * Whether that session is still valid is decided by lib/auth/session.ts on every request.
 */
export const { handlers, auth, signIn, signOut, unstable_update: updateAuthSession } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    ...sessionCookieConfig(env.APP_URL),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A wrong password is an audit event (lib/auth/sign-in.ts), not a server error with a stack.
      error(error) {
        if (!(error instanceof CredentialsSignin)) console.error(error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, device: {} },
        async authorize(credentials, request) {
          const text = (value: unknown) => (typeof value === "string" ? value : "");
          let result;
          try {
            result = await signInWithPassword(
              { email: text(credentials.email), password: text(credentials.password), deviceId: text(credentials.device) || null },
              requestContextFrom(request.headers),
            );
          } catch (error) {
            // A database or mail outage is not a wrong password: say so, and keep the cause in the log.
            console.error("Sign-in failed on our side:", error);
            throw new SignInFailure("unavailable");
          }
          if (!result.ok) throw new SignInFailure(result.code);
          return { id: result.userId, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        if (user?.sid) token.sid = user.sid;
        // After the second factor the session gets a new id (lib/auth/sessions.ts upgradeSession).
        // The update endpoint is public, so only a session that replaced this one is accepted.
        const next = (session as { sid?: unknown } | undefined)?.sid;
        if (trigger === "update" && typeof next === "string" && typeof token.sid === "string") {
          const replaced = await db.session.count({ where: { id: next, previousId: token.sid, revokedAt: null } });
          if (replaced === 1) token.sid = next;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
});
