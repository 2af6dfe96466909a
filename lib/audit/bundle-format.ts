import type { ChainedRow } from "./canonical";

/**
 * The audit bundle (issue 11 §7): JSON lines, written and read one line at a time.
 *
 *   {"format":"tessera-audit-bundle","version":1,"exportedAt":…,"filter":{…},"publicKey":PEM,"keyId":hex}
 *   {"kind":"event","seq":"12","prevHash":hex,"row":{…the stored event…}}        an event of the filter
 *   {"kind":"link","seq":"13","rowHash":hex}                                     an event outside it
 *   {"kind":"checkpoint","seq":"14","chainHash":hex,"createdAt":ISO,"keyId":hex,"signature":base64}
 *   {"kind":"end","events":N}
 *
 * Events come in chain order. From each event of the filter the chain runs on, through the
 * events outside the filter (their row hashes only, so they reveal nothing), to the next signed
 * checkpoint: recomputing it offline proves every included event is the stored one, in its place.
 */
export const BUNDLE_FORMAT = "tessera-audit-bundle";
export const BUNDLE_VERSION = 1;

export type BundleHeader = {
  format: typeof BUNDLE_FORMAT;
  version: number;
  exportedAt: string;
  filter: Record<string, string | undefined>;
  publicKey: string;
  keyId: string;
};

export type BundleLine =
  | { kind: "event"; seq: string; prevHash: string; row: ChainedRow }
  | { kind: "link"; seq: string; rowHash: string }
  | { kind: "checkpoint"; seq: string; chainHash: string; createdAt: string; keyId: string; signature: string }
  | { kind: "end"; events: number };
