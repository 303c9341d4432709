import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { InPageCard } from '@/components/InPageCard';
import tokensCss from '@/components/styles.css?inline';
import { createCardScript } from '@/lib/card/page-script';

// Injected into the clicked frame only, right after the user chooses "Recognize quota invoice";
// the worker then opens the card through scripting.executeScript in this same isolated world.
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { __qicCard?: ReturnType<typeof createCardScript> };
  scope.__qicCard ??= createCardScript(window, { Card: InPageCard, tokensCss });
});
