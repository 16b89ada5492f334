export function makeCorpus(options: { articles?: number; seed?: number; out: string }): { articles: number; out: string };
