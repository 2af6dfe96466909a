import { after } from "next/server";

/**
 * Runs `task` once the answer has gone out, when there is a request to answer (so its time,
 * e.g. an email that only an existing account gets, does not show in the answer's timing);
 * outside a request (scripts, tests) it simply runs now.
 */
export async function afterResponse(task: () => Promise<void>): Promise<void> {
  try {
    after(task);
  } catch {
    await task();
  }
}
