import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createFiller } from '@/lib/autofill/filler';

// Injected into every frame of the active tab only when the user presses "Fill this page"; the
// worker then calls the filler through scripting.executeScript in this same isolated world.
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { __qicFiller?: ReturnType<typeof createFiller> };
  scope.__qicFiller ??= createFiller(document);
});
