export interface Timing {
  wall: number;
  cpu: number;
}
export interface Spread {
  each: number[];
  median: number;
  min: number;
  max: number;
}
export function median(xs: number[]): number;
export function pairRatios(mine: Timing[], theirs: Timing[]): { rounds: number; wall: Spread; cpu: Spread };
export function roundOrder<T>(list: T[], i: number): T[];
