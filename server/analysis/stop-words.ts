// French stop words, already folded (no accents): articles, pronouns, prepositions,
// conjunctions and the most frequent forms of être/avoir. Kept short on purpose: words such
// as « pas » or « sans » carry meaning in a search for methods.
export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a au aux avec ce ces cet cette c ci d dans de des du elle elles en et eux il ils je j l la le les leur leurs
   lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pour qu que qui s sa se ses son sur t ta te
   tes toi ton tu un une vos votre vous y est sont ete etre ai as avons avez ont avait etait sera
   cela ceci ca dont donc or ni car lorsque puisque quand si tout tous toute toutes tres plus moins`
    .split(/\s+/)
    .filter(Boolean),
);
