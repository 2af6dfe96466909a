import { chainHash, rowHash, type ChainedRow } from "./canonical";
import { BUNDLE_FORMAT, type BundleHeader, type BundleLine } from "./bundle-format";
import { checkpointSignatureValid } from "./checkpoint";
import { formatFingerprint, publicKeyFromPem, type AuditPublicKey } from "./signing-key";

/**
 * Checks an audit bundle offline (npm run audit:verify -- --bundle FILE): no database, no
 * configuration. Every included event must chain, through the row hashes that follow it, to a
 * checkpoint the bundle's public key signed. The key's fingerprint is given back, for a person
 * to compare with the one the console and the README show: a bundle can carry any key.
 */
export type BundleProblem =
  | "malformed"
  | "not_a_bundle"
  | "key_mismatch"
  | "gap"
  | "out_of_place"
  | "checkpoint_mismatch"
  | "checkpoint_signature"
  | "unlinked"
  | "incomplete";

export type BundleVerification = {
  ok: boolean;
  events: number;
  links: number;
  checkpoints: number;
  keyId: string | null;
  fingerprint: string | null;
  exportedAt: string | null;
  filter: BundleHeader["filter"] | null;
  broken: { line: number; seq: string | null; eventId: string | null; problem: BundleProblem } | null;
};

export async function verifyAuditBundle(lines: AsyncIterable<string> | Iterable<string>): Promise<BundleVerification> {
  const result: BundleVerification = { ok: true, events: 0, links: 0, checkpoints: 0, keyId: null, fingerprint: null, exportedAt: null, filter: null, broken: null };
  let key: AuditPublicKey | null = null;
  let number = 0;
  let ended = false;
  /** The stretch being recomputed: its running hash, its last position, its first event. */
  let open: { hash: string; seq: bigint; firstEventId: string } | null = null;
  const fail = (problem: BundleProblem, seq: string | null = null, eventId: string | null = open?.firstEventId ?? null): BundleVerification => ({
    ...result,
    ok: false,
    broken: { line: number, seq, eventId, problem },
  });

  for await (const text of lines) {
    number++;
    if (text.trim() === "") continue;
    let value: BundleHeader | BundleLine;
    try {
      value = JSON.parse(text) as BundleHeader | BundleLine;
    } catch {
      return fail("malformed");
    }
    if (number === 1) {
      const header = value as BundleHeader;
      if (header.format !== BUNDLE_FORMAT || typeof header.publicKey !== "string") return fail("not_a_bundle");
      try {
        key = publicKeyFromPem(header.publicKey);
      } catch {
        return fail("not_a_bundle");
      }
      if (key.keyId !== header.keyId) return fail("key_mismatch");
      Object.assign(result, { keyId: key.keyId, fingerprint: formatFingerprint(key.keyId), exportedAt: header.exportedAt ?? null, filter: header.filter ?? null });
      continue;
    }
    if (!key || ended) return fail("malformed");
    const entry = value as BundleLine;
    try {
      switch (entry.kind) {
        case "event": {
          const seq = BigInt(entry.seq);
          const hash = rowHash(entry.row as ChainedRow);
          if (!open) {
            open = { hash: chainHash(seq, entry.prevHash, hash), seq, firstEventId: entry.row.id };
          } else {
            if (seq !== open.seq + 1n) return fail("gap", entry.seq, entry.row.id);
            if (entry.prevHash !== open.hash) return fail("out_of_place", entry.seq, entry.row.id);
            open = { hash: chainHash(seq, open.hash, hash), seq, firstEventId: open.firstEventId };
          }
          result.events++;
          break;
        }
        case "link": {
          const seq = BigInt(entry.seq);
          if (!open || seq !== open.seq + 1n) return fail("gap", entry.seq);
          open = { hash: chainHash(seq, open.hash, entry.rowHash), seq, firstEventId: open.firstEventId };
          result.links++;
          break;
        }
        case "checkpoint": {
          const seq = BigInt(entry.seq);
          if (!open || seq !== open.seq) return fail("gap", entry.seq);
          if (entry.chainHash !== open.hash) return fail("checkpoint_mismatch", entry.seq);
          const checkpoint = { chainSeq: seq, chainHash: entry.chainHash, createdAt: new Date(entry.createdAt), keyId: entry.keyId, signature: entry.signature };
          if (!checkpointSignatureValid(key, checkpoint)) return fail("checkpoint_signature", entry.seq);
          open = null;
          result.checkpoints++;
          break;
        }
        case "end":
          if (open) return fail("unlinked", open.seq.toString());
          if (entry.events !== result.events) return fail("incomplete");
          ended = true;
          break;
        default:
          return fail("malformed");
      }
    } catch {
      return fail("malformed");
    }
  }
  if (!key) return fail("not_a_bundle");
  if (open) return fail("unlinked", open.seq.toString());
  if (!ended) return fail("incomplete");
  return result;
}
