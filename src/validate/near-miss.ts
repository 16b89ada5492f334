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
    const d = distance(k, c.toLowerCase());
    // Two mistakes in a word of two or three letters leave little of it: `kind` is not a typo for `id`.
    if (c.length < 4 && d > 1) continue;
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
