/**
 * Runs a side feature (the badge, the menu items, the "changed" broadcast) so that its failure
 * is logged and swallowed: a recognition must never wait on, or fail because of, a decoration.
 * (In Firefox's MV2 build the badge once threw on every capture and left all of them queued.)
 */
export async function sideFeature(name: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.warn(`[quota-invoice-capture] ${name} failed; going on without it:`, error);
  }
}
