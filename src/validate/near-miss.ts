/**
 * The known key an unknown one was probably meant to be: same letters in another case, a plural
 * or singular, or at most two typing mistakes away (one for a known key of two or three letters).
 */
export function nearMiss(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  for (const c of known) {
    const l = c.toLowerCase();
    if (l === k || `${l}s` === k || l === `${k}s`) return c;
  }
  if (k.length < 4) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of known) {
    const d = editDistance(k, c.toLowerCase());
    // Two mistakes in a word of two or three letters leave little of it: `kind` is not a typo for `id`.
    if (c.length < 4 && d > 1) continue;
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A person's name as compared for a likely misspelling: without case, accents, spaces or
 * punctuation (`TanYuxin`, `Tan Yu-xin` and `tan yuxin` are one).
 */
export const foldName = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The name of `known` that `name` is most likely a misspelling of: the same letters spaced or cased
 * otherwise, or one typing mistake away (a letter left out, added, changed, or two swapped) in a
 * name of six letters or more, two in one of ten or more. Short names differ by a letter from other
 * people's (Li Wei, Li Wen), and are only matched letter for letter. Undefined for none.
 */
export function nearName(name: string, known: readonly string[]): string | undefined {
  const n = foldName(name);
  if (!n) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const f = foldName(k);
    const shortest = Math.min(n.length, f.length);
    const allowed = shortest >= 10 ? 2 : shortest >= 6 ? 1 : 0;
    if (Math.abs(n.length - f.length) > allowed) continue;
    const d = n === f ? 0 : editDistance(n, f);
    if (d <= allowed && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** Edits from a to b, counting two letters swapped as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let before = new Array<number>(B.length + 1).fill(0);
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const row = [i];
    for (let j = 1; j <= B.length; j++) {
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[B.length];
}
