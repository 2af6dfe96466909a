/**
 * What support can do for a person, on their page in the console (/support/people/[userId]):
 * Reset two-factor authentication and Require password change (support admins only).
 * Owned by the assisted-reset work; the person page renders it.
 */
export async function PersonActions(_props: { userId: string }) {
  return null;
}
