import { availableParallelism } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { poolMinWork, poolSize } from '../../src/workers/pool.js';

// Worker threads repay their cost only on larger sites: on 2 cores, from about 4,000 articles
// (see poolSize); with more cores, sooner.
describe('how many worker threads a build uses', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.DATELINE_WORKERS;
    delete process.env.DATELINE_WORKERS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DATELINE_WORKERS;
    else process.env.DATELINE_WORKERS = saved;
  });

  it('none below 8,000 ÷ cores files, one per core (up to 8) from there, none on one core', () => {
    const cores = Math.min(availableParallelism(), 8);
    const from = Math.ceil(8000 / cores);
    expect(poolSize(0)).toBe(0);
    expect(poolSize(from - 1)).toBe(0);
    expect(poolSize(from)).toBe(cores < 2 ? 0 : cores);
    expect(poolSize(100_000)).toBe(cores < 2 ? 0 : cores);
    if (cores === 2) {
      expect(poolSize(3999)).toBe(0);
      expect(poolSize(4000)).toBe(2);
    }
  });

  it('--workers and DATELINE_WORKERS override it both ways', () => {
    expect(poolSize(10, 2)).toBe(2);
    expect(poolSize(100_000, 0)).toBe(0);
    process.env.DATELINE_WORKERS = '3';
    expect(poolSize(10)).toBe(3);
    expect(poolSize(10, 1)).toBe(1);
  });

  it('hands a stage to the workers only when it has as much work as the site-size rule asks, unless workers were asked for', () => {
    const cores = Math.min(availableParallelism(), 8);
    // A cached build that renders a few hundred pages does them in the main thread.
    expect(poolMinWork()).toBe(Math.max(200, Math.ceil(8000 / cores)));
    if (cores === 2) expect(poolMinWork()).toBe(4000);
    expect(poolMinWork(2)).toBe(200);
    process.env.DATELINE_WORKERS = '2';
    expect(poolMinWork()).toBe(200);
  });
});
