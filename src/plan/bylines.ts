import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/types.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { isPublished, type GraphOptions } from '../model/graph.js';
import { frontMatterLines } from '../parse/front-matter.js';
import { slugify, termKey } from '../parse/slug.js';
import type { Article } from '../parse/source.js';
import { yamlText } from '../validate/article.js';
import { foldName, nearName } from '../validate/near-miss.js';

/**
 * Bylines that would make an author who does not exist, which needs the site's list of authors
 * (the config's registry, and the names other articles use), so no file's own check can say:
 * - the same letters as a registered author's, spaced, cased or accented otherwise (`TanYuxin`),
 *   which would be published as a new author with a page of its own: an error with the name as
 *   registered; a name a letter or two from one (`Tan Yuxn`), which may be another person
 *   (`Anne Schmidt`), a warning. A name far from every registered one is a guest's, and is allowed;
 * - two or more people written as one name (`author: Tan Yuxin, He Jiawei`, `Tan Yuxin and He
 *   Jiawei`), which would be one author "Tan Yuxin, He Jiawei": an error with the list, when every
 *   part is a registered author (or a misspelling of one), or, without a registry, a name another
 *   article has as a byline of its own. (`Smith, John` alone says nothing of two people.)
 * Published and scheduled articles, each at its line of `author`. A map lookup per name a byline
 * uses: a site of 10,000 articles has a few hundred names.
 */
export function bylineProblems(articles: readonly Article[], config: SiteConfig, o: GraphOptions, siteDir: string): Diagnostic[] {
  const registered = config.authors.map((a) => a.name);
  const keys = new Set(registered.map(termKey));
  const slugs = new Set(config.authors.map((a) => slugify(a.slug ?? a.name)));
  /** The registered name a byline is matched to as the site graph matches it, or undefined. */
  const isRegistered = (name: string): boolean => keys.has(termKey(name)) || slugs.has(slugify(name));
  let usedAlone: Set<string> | undefined;
  const bylinesElsewhere = (): Set<string> => {
    if (usedAlone) return usedAlone;
    usedAlone = new Set();
    for (const a of articles) if (a.kind === 'article') for (const n of a.meta.authors) usedAlone.add(termKey(n));
    return usedAlone;
  };
  let logins: Map<string, string | null> | undefined;
  const verdicts = new Map<string, Verdict | null>();
  const verdict = (name: string): Verdict | null => {
    if (isRegistered(name) || name === config.defaultAuthor) return null;
    if (ACCOUNTS.has(name.trim().toLowerCase())) return { kind: 'account', names: [] };
    const parts = name.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1) {
      // Each part a registered author (as written, or misspelt), else a byline of its own elsewhere.
      const meant = parts.map((p) => (isRegistered(p) ? p : registered.length ? nearName(p, registered) : undefined));
      if (meant.every((m) => m !== undefined)) return { kind: 'joined', names: meant as string[] };
      if (!registered.length && parts.every((p) => bylinesElsewhere().has(termKey(p)))) return { kind: 'joined', names: parts };
    }
    if (!registered.length) return null;
    const near = nearName(name, registered);
    if (near) return { kind: 'misspelt', names: [near] };
    logins ??= loginsOf(registered);
    const person = LOGIN.test(name) && !GIVEN_NAME.test(name) ? logins.get(name.toLowerCase()) : undefined;
    return person ? { kind: 'login', names: [person] } : null;
  };
  // Nothing to check without a registry, unless a byline has a separator in it or is an account's.
  if (!registered.length && !articles.some((a) => a.meta.authors.some((n) => SEPARATORS.test(n) || ACCOUNTS.has(n.trim().toLowerCase())))) return [];
  const out: Diagnostic[] = [];
  for (const a of articles) {
    if (a.kind !== 'article' || a.meta.authors.length === 0 || !isPublished(a, { ...o, future: true })) continue;
    for (const name of a.meta.authors) {
      let v = verdicts.get(name);
      if (v === undefined) verdicts.set(name, (v = verdict(name)));
      if (v) out.push(problem(a, name, v, siteDir, config));
    }
  }
  return out;
}

/**
 * What joins two names in one string: a comma (also Chinese `，` and `、`), `;`, `&`, `and`, `+`.
 * The parts are trimmed: white space around the separator in the pattern was tried again at every
 * space of a long run of them (a byline padded with 100,000 spaces took 15 seconds).
 */
const SEPARATORS = /[,;&+，、；]|\band\b/i;

/** The accounts a blog is set up with, which WordPress exports give as the author of what they posted: no one's byline. */
const ACCOUNTS = new Set(['admin', 'administrator', 'wpadmin', 'webmaster']);

/** What a WordPress login looks like: one word of letters, digits, `.`, `_` or `-`. */
const LOGIN = /^[a-z0-9._-]+$/i;

/**
 * One word written as a name is written (`Dana`, `James`): a person's own name, though it is also
 * the login of a registered author (Dan Alvarez's `dana`, Jo Ames's `james`). A login is written in
 * lower case (`jsmith`), or with a capital inside (`JSmith`).
 */
const GIVEN_NAME = /^\p{Lu}\p{Ll}+$/u;

/**
 * The logins a registered name is commonly given, as WordPress exports write the author
 * (`jsmith`, `jane.smith`, `jane_smith`, `janes` for Jane Smith; `tobrien` for Tom O'Brien): each
 * mapped to the name, or to null when two registered people would share it (J. Smith and Jo Smith).
 */
function loginsOf(registered: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const name of registered) {
    const parts = slugify(name).split('-').filter(Boolean);
    if (parts.length < 2 || !parts.every((p) => /^[a-z0-9]+$/.test(p))) continue;
    const first = parts[0];
    const last = parts[parts.length - 1];
    for (const login of new Set([`${first[0]}${last}`, `${first}.${last}`, `${first}_${last}`, `${first}${last[0]}`])) {
      out.set(login, out.has(login) && out.get(login) !== name ? null : name);
    }
  }
  return out;
}

interface Verdict {
  kind: 'misspelt' | 'joined' | 'login' | 'account';
  /** The registered name meant, or the names the byline joins (as they are to be written). */
  names: string[];
}

function problem(a: Article, name: string, v: Verdict, siteDir: string, config: SiteConfig): Diagnostic {
  const authors = a.meta.authors.flatMap((n) => (n === name ? v.names : [n]));
  const where = authorLine(a.source, name, siteDir);
  // As the line has it: a list stays a list.
  const asList = authors.length > 1 || /^author\s*:\s*\[/.test(where?.text ?? '');
  // (An account's verdict names no one: its fix is in words.)
  const list = authors.length === 0 ? '' : asList ? `author: [${authors.map(yamlText).join(', ')}]` : `author: ${yamlText(authors[0])}`;
  // A name on a `- item` line of its own: that line is the one to change.
  const item = where?.item ? `\`- ${v.names.map(yamlText).join(`\` and \`- `)}\` on ${v.names.length > 1 ? 'lines of their own' : 'that line'}` : undefined;
  // The line, or the name in it when the line holds others too.
  const line = where ? where.text.trim() : `author: ${name}`;
  const written = where?.item || a.meta.authors.length === 1 ? `\`${line}\`` : `"${name}" in \`${line}\``;
  if (v.kind === 'misspelt') {
    const [meant] = v.names;
    // The same letters spaced, cased or accented otherwise are the same person: an error. A letter
    // apart may be another person (Anne Schmidt, Zhang Wen): a warning, for the desk to look at.
    const same = foldName(name) === foldName(meant);
    return (same ? error : warning)('AUTHOR_MISSPELT', `${written} is not in the config's \`authors\`; did you mean ${meant}? As written, the article would be published under a new byline, "${name}", with an author page of its own.`, {
      file: a.source, ...where?.at,
      hint: `Write ${item ?? `\`${list}\``}. If ${name} is another person, add \`{ name: '${name.replace(/'/g, "\\'")}' }\` to \`authors\` in the config.`,
    });
  }
  if (v.kind === 'login') {
    const [meant] = v.names;
    return warning('AUTHOR_MISSPELT', `${written} looks like the login of ${meant} on the old site, not a byline: as written, the article would be published under a new byline, "${name}", with an author page of its own.`, {
      file: a.source, ...where?.at,
      kind: 'login',
      hint: `Write ${item ?? `\`${list}\``}. If ${name} is someone else, write that person's name.`,
    });
  }
  if (v.kind === 'account') {
    const others = a.meta.authors.filter((n) => n !== name);
    const fallback = others.length ? `delete "${name}" from the list` : config.defaultAuthor ? `delete the line for the default byline (${config.defaultAuthor})` : undefined;
    return warning('AUTHOR_MISSPELT', `${written} is the old site's ${name} account, which posted the story, not a byline: as written, the article would be published under "${name}", with an author page of its own.`, {
      file: a.source, ...where?.at,
      kind: 'account',
      hint: `Write the name of the story's author in \`author\`${fallback ? `, or ${fallback}` : ''}.`,
    });
  }
  const pages = v.names.length === 2 ? `neither ${v.names[0]}'s page nor ${v.names[1]}'s` : 'none of their own pages';
  return error('AUTHORS_IN_ONE', `${written} is one byline in dateline: the article would be published under one author, "${name}", with a page of its own, and ${pages} would list it.`, {
    file: a.source, ...where?.at,
    hint: `Write ${item ?? `\`${list}\``}: a list gives each name a byline.`,
  });
}

/**
 * The line where a byline is written: its own `- name` line in a list written one item a line,
 * else the `author:` line. Read only for an error.
 */
function authorLine(file: string, name: string, siteDir: string): { at: Pick<Diagnostic, 'line' | 'column' | 'frame'>; text: string; item: boolean } | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(siteDir, ...file.split('/')), 'utf8');
  } catch {
    return undefined;
  }
  const { lines, close } = frontMatterLines(text);
  const key = lines.findIndex((l, i) => i > 0 && i < close && /^author\s*:/.test(l));
  if (key === -1) return undefined;
  let found = key;
  let item = false;
  for (let i = key + 1; i < close && /^\s+-|^\s*$|^\s*#/.test(lines[i]); i++) {
    if (lines[i].includes(name)) {
      found = i;
      item = true;
      break;
    }
  }
  return { at: { line: found + 1, column: 1, frame: codeFrame(text, found + 1, 1) }, text: lines[found], item };
}
