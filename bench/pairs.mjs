// Two commands timed in turn, round after round, compared round by round: a slow spell of the
// machine (seen here: the same build taking 8.1 s in one minute and 12.4 s a few minutes later)
// falls on both runs of a round, so the ratio of each round is steadier than the ratio of the two
// medians, which may come from different spells.

/** The median of a list of numbers (the mean of the two middle ones for an even count). */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The ratios of `mine` to `theirs`, round by round (the i-th run of each is one round), for wall
 * time and CPU time, with their median, lowest and highest.
 */
export function pairRatios(mine, theirs) {
  const n = Math.min(mine.length, theirs.length);
  const of = (key) => {
    const each = [];
    for (let i = 0; i < n; i++) each.push(mine[i][key] / theirs[i][key]);
    return { each, median: median(each), min: Math.min(...each), max: Math.max(...each) };
  };
  return { rounds: n, wall: of('wall'), cpu: of('cpu') };
}

/**
 * The order the tools run in, round `i`: reversed every other round, so that neither is always
 * the one that runs right after the other (the page cache, the CPU's clock and a neighbour's load
 * change within a round too).
 */
export function roundOrder(list, i) {
  return i % 2 === 0 ? list : [...list].reverse();
}
