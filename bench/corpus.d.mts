export function makeCorpus(options: { articles?: number; seed?: number; out: string; typography?: boolean }): { articles: number; out: string };
