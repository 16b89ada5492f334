import { describe, expect, it } from 'vitest';
import { median, pairRatios, roundOrder } from '../../bench/pairs.mjs';

describe('the benchmark compares two commands round by round', () => {
  it('takes each round its own ratio, so a slow spell that falls on both runs of a round does not move it', () => {
    // dateline's runs against the peer's: the machine slowed down by half in rounds 3 and 4.
    const mine = [{ wall: 8, cpu: 15 }, { wall: 8.2, cpu: 15 }, { wall: 12, cpu: 22 }, { wall: 12.4, cpu: 23 }, { wall: 8.1, cpu: 15 }];
    const theirs = [{ wall: 6, cpu: 10 }, { wall: 6.1, cpu: 10 }, { wall: 9, cpu: 15 }, { wall: 9.3, cpu: 15.5 }, { wall: 6, cpu: 10 }];
    const pairs = pairRatios(mine, theirs);
    expect(pairs.rounds).toBe(5);
    expect(pairs.wall.each.map((x) => +x.toFixed(3))).toEqual([1.333, 1.344, 1.333, 1.333, 1.35]);
    expect(pairs.wall.median).toBeCloseTo(4 / 3, 3);
    expect(pairs.wall.min).toBeCloseTo(4 / 3, 3);
    expect(pairs.wall.max).toBeCloseTo(1.35, 3);
    expect(pairs.cpu.median).toBeCloseTo(1.5, 3);
    // The ratio of the medians mixes rounds of different spells.
    expect(median(mine.map((m) => m.wall)) / median(theirs.map((t) => t.wall))).not.toBeCloseTo(pairs.wall.median, 2);
  });

  it('pairs only the rounds both commands ran', () => {
    const pairs = pairRatios([{ wall: 2, cpu: 2 }, { wall: 4, cpu: 4 }, { wall: 9, cpu: 9 }], [{ wall: 1, cpu: 1 }, { wall: 2, cpu: 2 }]);
    expect(pairs.rounds).toBe(2);
    expect(pairs.wall.each).toEqual([2, 2]);
  });

  it('reverses the order of the commands every other round', () => {
    expect(roundOrder(['dateline', 'hugo'], 0)).toEqual(['dateline', 'hugo']);
    expect(roundOrder(['dateline', 'hugo'], 1)).toEqual(['hugo', 'dateline']);
    expect(roundOrder(['dateline', 'hugo'], 2)).toEqual(['dateline', 'hugo']);
    expect(roundOrder(['dateline'], 1)).toEqual(['dateline']);
  });

  it('takes the middle of an even count as the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
