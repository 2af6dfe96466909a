/**
 * The request header proxy.ts sets to each page request's path and query, so a server component
 * can send a person away and back again (lib/projects/access.ts). Set by the proxy, never taken
 * from the client: the proxy overwrites whatever a request carried.
 */
export const PATH_HEADER = "x-tessera-path";
