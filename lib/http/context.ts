import { headers } from "next/headers";
import { requestContextFrom, type RequestContext } from "./request-context";

/** The caller's address and browser, for audit events written by server actions. */
export async function currentRequestContext(): Promise<RequestContext> {
  return requestContextFrom(await headers());
}
