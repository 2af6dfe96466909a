import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { sessionCookieConfig } from "./cookies";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { authorizeCredentials, nextSessionId } from "./credentials";

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
        authorize: (credentials, request) => authorizeCredentials(credentials, request.headers),
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        if (user?.sid) token.sid = user.sid;
        if (trigger === "update" && typeof token.sid === "string") {
          token.sid = await nextSessionId(token.sid, (session as { sid?: unknown } | undefined)?.sid);
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
});
