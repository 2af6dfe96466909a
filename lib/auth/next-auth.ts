import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { sessionCookieConfig } from "./cookies";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { authorizeCredentials } from "./credentials";

/**
 * next-auth carries an encrypted cookie that names our server-side session row (`sid`).
 * Whether that session is still valid is decided by lib/auth/session.ts on every request.
 */
export const { handlers, signIn, signOut } = NextAuth(() => {
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
      // The sid is set once, by the password step. Only the server moves the cookie after that
      // (lib/auth/session-cookie.ts); next-auth's public update endpoint cannot.
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
});
