import { md } from '../helpers/site.js';

/** A config file for an inline site: the test defaults plus `extra`, written as JSON. */
export function config(extra: Record<string, unknown> = {}): string {
  const base = {
    title: 'Test Herald',
    baseUrl: 'https://news.example.org/',
    timeZone: 'Asia/Shanghai',
    pageSize: 3,
    footer: { links: [{ label: 'About Us', url: '/about-us/' }], lines: ['渝ICP备12345678号'], email: 'desk@example.org' },
  };
  return `export default ${JSON.stringify({ ...base, ...extra }, null, 2)};\n`;
}

/** `n` articles a day apart, newest last in the list (a-1 is the oldest), all in one section and tag. */
export function articles(n: number, front: Record<string, unknown> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) {
    const day = String(i).padStart(2, '0');
    files[`content/articles/a-${day}.md`] = md({ title: `Story ${day}`, date: `2024-03-${day} 09:00`, author: 'Ran Zheng', section: 'News', tags: ['metro'], ...front });
  }
  return files;
}

/** The text between the first `<tag …>` matching `open` and its `</tag>`; '' when absent. */
export function between(html: string, open: RegExp, close: string): string {
  const m = open.exec(html);
  if (!m) return '';
  const start = m.index + m[0].length;
  const end = html.indexOf(close, start);
  return end === -1 ? '' : html.slice(start, end);
}

/** Every href on the page, in order. */
export const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

export const h1Count = (html: string): number => (html.match(/<h1[\s>]/g) ?? []).length;
