import type Nunjucks from 'nunjucks';
import { nunjucks, templateReads, type Reads } from './load-nunjucks.js';
import { fixedStrings } from '../config/strings.js';
import type { SiteConfig } from '../config/types.js';
import type { SiteImageSizes } from '../model/photos.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import type { RenderJob } from '../plan/types.js';
import { BUILTIN_RENDERERS } from './builtin.js';
import { createFilters, jsonForScript } from './filters.js';
import { siteLangAttrs, storyLangAttrs } from './story-language.js';
import { placeTemplateError } from './template-error.js';
import { templateFiles, templateName } from './template-deps.js';
import { nearMiss } from '../validate/near-miss.js';
import { recursiveMacroCalls } from '../check/macro-calls.js';

export interface RenderEnvOptions {
  config: SiteConfig;
  siteDir: string;
  /** Folders searched in order: the site's templates/, then the theme's. */
  templateDirs: string[];
  globals: Record<string, unknown>;
  /** Static CSS/JS output path → its content-hashed name, for the `asset` filter. */
  assets?: Record<string, string>;
  /**
   * Every template compiled without an error in an earlier build of these same templates (the
   * fast path of a body edit): compiling them all first again would only cost time.
   */
  precompiled?: boolean;
  /**
   * `check`: printing a value that is not there (`{{ artcle.title }}`, a typo) throws, where a build
   * prints nothing (Nunjucks' throwOnUndefined); see undefinedOutput.
   */
  strictUndefined?: boolean;
}

/** The filters of this thread's environments, for the fix of a filter name that is not one. */
const knownFilters = new Set<string>();
const datelineFilters = new Set<string>();

/** Stack frames an error thrown while rendering keeps: enough to reach the template's code. */
const STACK_FRAMES = 60;

/** How many renderings of partials partialCached keeps, in all. */
const PARTIALS_KEPT = 1000;

export interface Renderer {
  render(job: RenderJob): string;
}

/**
 * A build's Nunjucks options, a new object each time (an environment adds to the one it is given).
 * The theme's code shipped with the package is compiled under the same (scripts/bundle.mjs).
 */
export function environmentOptions(strictUndefined: boolean): Nunjucks.ConfigureOptions {
  return { autoescape: true, throwOnUndefined: strictUndefined, trimBlocks: true, lstripBlocks: true };
}

/**
 * One Nunjucks environment per build (and per worker). Autoescape is on; editor content reaches
 * templates only as data, never as template source.
 */
export function createRenderer(o: RenderEnvOptions): Renderer {
  const loader = new nunjucks.FileSystemLoader(o.templateDirs, { noCache: false, watch: false });
  const env = new nunjucks.Environment(loader, environmentOptions(!!o.strictUndefined));
  // `check`: a name that is not there given to one of dateline's filters (`{{ article.dte | date }}`)
  // is said as one printed bare is; a build's filter prints '' for it, and Nunjucks says nothing.
  // The filter gives it back undefined, which throwOnUndefined reports only where it is printed:
  // `{% set changed = article.updated | dateTime %}` or an `{% if %}` test is no hole in the page.
  // The last filter that got one names it in the error (undefinedOutput).
  let givenUndefined: string | undefined;
  const strictInput = (name: string, fn: (...args: unknown[]) => unknown) => (v: unknown, ...rest: unknown[]) => {
    if (v !== undefined) return fn(v, ...rest);
    givenUndefined = name;
    return undefined;
  };
  const filters = createFilters(o.config, o.assets, o.globals.siteImages as SiteImageSizes | undefined);
  for (const name of [...Object.keys(filters), 'jsonScript', 'storyLang', 'siteLang', 'inNavigation']) datelineFilters.add(name);
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, o.strictUndefined ? strictInput(name, fn as (...args: unknown[]) => unknown) : (fn as (...args: unknown[]) => unknown));
  env.addFilter('jsonScript', (v: unknown) => new nunjucks.runtime.SafeString(jsonForScript(v)));
  // `<h2{{ a | storyLang }}>`: ` lang="ar" dir="rtl"` for a story in another language than the
  // site's, '' otherwise; `siteLang` marks the theme's words inside it (render/story-language.ts).
  // A story in the site's language (nearly all) gets the one empty string, made once.
  const noAttrs = new nunjucks.runtime.SafeString('');
  const attrs = (s: string) => (s === '' ? noAttrs : new nunjucks.runtime.SafeString(s));
  env.addFilter('storyLang', (v: unknown) => attrs(storyLangAttrs(v as Parameters<typeof storyLangAttrs>[0], o.config)));
  env.addFilter('siteLang', (v: unknown) => attrs(siteLangAttrs(v as Parameters<typeof siteLangAttrs>[0], o.config)));
  for (const name of Object.keys((env as unknown as { filters: Record<string, unknown> }).filters)) knownFilters.add(name);
  // `{{ page.url | inNavigation }}`: the URL if the site's navigation links to it (the configured
  // one, each link through `url`, or else the sections'), '' if not; as the theme's header tells
  // the current page and section, so that base.njk can render the header once for each of them.
  const navigated = new Set<string>();
  const navItems = (o.config.navigation?.length ? o.config.navigation : ((o.globals.sections as { url?: unknown }[] | undefined) ?? [])) as { label?: unknown; url?: unknown }[];
  for (const item of navItems) navigated.add(item.label ? filters.url(item.url) : String(item.url));
  env.addFilter('inNavigation', (v: unknown) => (typeof v === 'string' && navigated.has(v) ? v : ''));
  env.addGlobal('site', o.config);
  env.addGlobal('ui', fixedStrings(o.config));
  // `{{ partialCached("partials/footer.njk") }}`: a partial rendered once per build (and worker)
  // for each set of variables given to it, not once a page, when it reads nothing of the page: it
  // then sees the globals (site, build, sections) and those variables. A partial that names a
  // variable of the page it is called from, or loads another template (partialCached included),
  // is rendered every time with the page's variables too, so a site's own footer.njk that shows
  // `page.title` still works. Like any global function it cannot see the caller's local variables
  // (a loop's, a macro's arguments, a `set` inside a block): those are passed as variables.
  const cachedPartials = new Map<string, unknown>();
  const namesRead = new Map<string, Reads>();
  const readsOf = (name: string): Reads => {
    let names = namesRead.get(name);
    if (names === undefined) {
      const e = env as unknown as { extensionsList: unknown[]; opts: object };
      // Compiled now, as it is about to render: a template whose code came with the package then
      // says what it reads (load-nunjucks.ts), where one not yet compiled (a body edit's
      // environment compiles each as it first renders) would be parsed for it.
      const t = env.getTemplate(name, true) as unknown as { tmplStr: string; path?: string };
      names = templateReads(t.tmplStr, e.extensionsList, e.opts, t.path);
      namesRead.set(name, names);
    }
    return names;
  };
  env.addGlobal('partialCached', function (this: { getVariables(): Record<string, unknown> }, name: string, vars: Record<string, unknown> = {}) {
    if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) throw new Error(`partialCached("${name}", …): the variables must be an object, such as { section: article.section.slug }.`);
    const page = this.getVariables();
    const names = readsOf(name);
    // Cached only under a key that tells its variables apart: text, numbers, true/false, null.
    const plain = Object.values(vars).every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));
    if (names === null || !plain || names.some((n) => n in page && !(n in vars))) return new nunjucks.runtime.SafeString(env.render(name, { ...page, ...vars }));
    const key = JSON.stringify([name, vars]);
    let out = cachedPartials.get(key);
    if (out === undefined) {
      out = new nunjucks.runtime.SafeString(env.render(name, vars));
      // Variables that differ on every page would keep a copy a page: past this many, no more.
      if (cachedPartials.size < PARTIALS_KEPT) cachedPartials.set(key, out);
    }
    return out;
  });
  for (const [k, v] of Object.entries(o.globals)) env.addGlobal(k, v);
  // Nunjucks compiles an included template on first use, and when that fails it throws from a
  // later tick (asap), outside every try/catch: the process dies with a stack trace (and watch
  // mode with it). Compiling every template before the first render turns a syntax error into an
  // ordinary exception, with the template's file and line, for each job.
  let compileError: unknown;
  let compiled = !!o.precompiled;
  const precompile = () => {
    if (compiled) return;
    compiled = true;
    try {
      for (const name of [...templateFiles(o.templateDirs).keys()].sort()) env.getTemplate(name, true);
    } catch (e) {
      // The parser counts lines from 1; the runtime (whose errors come from env.render) from 0.
      if (e && typeof e === 'object') (e as { parseError?: boolean }).parseError = true;
      compileError = e;
    }
  };
  return {
    render(job) {
      if (job.renderer !== 'nunjucks') {
        const builtin = BUILTIN_RENDERERS[job.renderer];
        if (!builtin) throw new Error(`No renderer named "${job.renderer}"`);
        return builtin(job);
      }
      precompile();
      if (compileError) throw compileError;
      // An error is placed by the innermost frame of a template's code in its stack (see
      // template-error.ts), and V8 keeps 10 frames unless something raised the limit (loading a
      // TypeScript config does): a partial's `template not found` was then put on the page's own
      // template, and only on builds whose config came from the cache.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Math.max(limit, STACK_FRAMES);
      givenUndefined = undefined;
      try {
        return env.render(job.template!, job.context);
      } catch (e) {
        if (givenUndefined !== undefined && isUndefinedOutput(e)) (e as Error).message += ` (given to the filter ${givenUndefined})`;
        throw e;
      } finally {
        Error.stackTraceLimit = limit;
      }
    },
  };
}

/** Whether a render failed on printing a value that is not there (RenderEnvOptions.strictUndefined). */
export const isUndefinedOutput = (e: unknown): boolean => e instanceof Error && /attempted to output null or undefined value/.test(e.message);

/**
 * A value printed that is not there, as `check` reports it: a warning at the template's line,
 * naming the expressions on that line. A build prints nothing in its place.
 */
export function undefinedOutput(e: unknown, job: RenderJob, siteDir: string): Diagnostic | undefined {
  const place = placeTemplateError(e, e instanceof Error ? e.message : String(e), false);
  const line = place?.line && place.source !== undefined ? place.source.split(/\r?\n/)[place.line - 1] ?? '' : '';
  const all = [...line.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)].map((m) => m[1]);
  // A name given to one of dateline's filters: the expressions on the line that use that filter.
  const filter = /given to the filter (\w+)/.exec(e instanceof Error ? e.message : String(e))?.[1];
  const withFilter = filter ? all.filter((x) => new RegExp(`\\|\\s*${filter}\\b`).test(x)) : [];
  const expressions = withFilter.length > 0 ? withFilter : all;
  // A field of the site's own (`article.extra.subtitle`, `site.params.x`) that a story may leave
  // out, or leave empty, is printed bare as a matter of course: no typo of a name dateline gives.
  if (expressions.length > 0 && expressions.every((x) => /(?:^|[^\w.])(?:[\w.]*\.)?(?:extra|params)\./.test(x))) return undefined;
  const d = templateDiagnostic(e, job, siteDir);
  const shown = [...new Set(expressions.map((x) => `\`{{ ${x} }}\``))];
  const what = shown.length === 1 ? shown[0] : shown.length > 1 ? `one of ${shown.join(', ')}` : 'a value';
  return {
    ...d,
    severity: 'warning',
    code: 'TEMPLATE_UNDEFINED',
    message: `${what} prints nothing on ${job.origin}: a name in it is not defined there, or is empty (a build leaves it blank).`,
    hint: "Check the spelling of each name (`article.title`, `site.title`, `page.items`…). If the value may be missing, write `{{ name or '' }}` or put it inside `{% if name %}`.",
  };
}

/** Turns a Nunjucks error into a diagnostic naming the template file and line. */
export function templateDiagnostic(e: unknown, job: RenderJob, siteDir: string): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  const parseError = !!(e && typeof e === 'object' && (e as { parseError?: boolean }).parseError);
  const place = placeTemplateError(e, message, parseError);
  const file = place && templateName(place.path, siteDir);
  const frame = place?.line && place.source !== undefined ? codeFrame(place.source, place.line, place.column) || undefined : undefined;
  const notFound = /template not found: ([^\n]+)/.exec(message);
  if (notFound) {
    const name = notFound[1].trim();
    // A template that asks for it: the mistake is in that template, whichever page met it first.
    if (place) {
      const how = place.ref === 'import' ? 'imported by' : place.ref === 'extends' ? 'extended by' : 'included from';
      return error('TEMPLATE_NOT_FOUND', `The template ${name} does not exist (${how} ${file}).`, {
        file, line: place.line, column: place.column, frame,
        hint: `Create templates/${name}, or fix the name in ${file}.`,
      });
    }
    return error('TEMPLATE_NOT_FOUND', `The template ${name} does not exist, needed by ${job.origin}.`, {
      file: job.origin.startsWith('content/') ? job.origin : undefined,
      hint: 'Create the template in templates/, or fix the `layout` or include name.',
    });
  }
  // A macro that calls itself without end: the stack overflows somewhere in its calls, which may
  // be placed anywhere in the template (its first line); the call that closes the loop is the place.
  if (/Maximum call stack size exceeded/.test(message) && place?.source !== undefined) {
    const loop = recursiveMacroCalls(place.source)[0];
    if (loop) {
      return error('TEMPLATE_RENDER', `Rendering ${job.origin} failed: the macro ${loop.macro} calls itself without end (${loop.path.join(' → ')}).`, {
        file, line: loop.line, column: loop.column, frame: codeFrame(place.source, loop.line, loop.column) || undefined,
        hint: `Put the call of ${loop.path[loop.path.length - 1]} at that line inside an {% if %} that stops it (a level, a list that gets shorter), or remove it.`,
      });
    }
  }
  const detail = message.split('\n').map((l) => l.trim()).filter((l) => l && !/^\(.*\)\s*(\[Line.*)?$/.test(l) && !/^Template render error/.test(l)).pop() ?? message;
  const filter = /filter not found: ([^\s]+)/.exec(message)?.[1];
  const hint = place?.unclosed?.before
    ? `Close the ${place.unclosed.open} at that line with ${place.unclosed.close} before the ${place.unclosed.before.tag} at line ${place.unclosed.before.line}.`
    : place?.unclosed
    ? `Close the ${place.unclosed.open} at that line with ${place.unclosed.close}.`
    : place?.strayEnd
      ? place.strayEnd.expected
        ? `${place.strayEnd.tag} at that line closes no open tag: the tag open there is closed with ${place.strayEnd.expected}. Fix its name, or remove it.`
        : `${place.strayEnd.tag} at that line closes no open tag: remove it, or add the tag it should close.`
    : /include one another without end/.test(detail)
      ? 'Remove the include at that line that leads back to a template already being rendered, or put it inside an {% if %} that ends the loop.'
    : filter
      ? filterHint(filter)
      : /Maximum call stack size exceeded/.test(detail)
        ? 'Something at that line calls itself without end: a macro that calls itself, or templates that import one another. Give it an {% if %} that stops it.'
      : 'Fix the template at that line; check the names of variables and filters, and that every tag is closed.';
  // A template that does not parse: its own mistake, whichever page was rendering when it was compiled.
  const why = place?.unclosed?.before
    ? `the ${place.unclosed.open} at line ${place.line} is still open at the ${place.unclosed.before.tag} at line ${place.unclosed.before.line}`
    : detail.replace(/^Error:\s*/, '');
  if (parseError && file) return error('TEMPLATE_SYNTAX', `The template ${file} is not valid Nunjucks: ${why}`, { file, line: place?.line, column: place?.column, frame, hint });
  return error('TEMPLATE_RENDER', `Rendering ${job.origin} failed: ${detail.replace(/^Error:\s*/, '')}`, { file, line: place?.line, column: place?.column, frame, hint });
}

/**
 * Every template that does not parse, each with its file and line, compiled one by one in this
 * thread: the renderers stop at the first. Run only on a build that fails already (with content
 * errors, or a template's syntax error met while rendering), so that it reports them all at once.
 */
export function templateSyntaxErrors(templateDirs: readonly string[], siteDir: string): Diagnostic[] {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...templateDirs], { noCache: true, watch: false }), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  const out: Diagnostic[] = [];
  for (const name of [...templateFiles(templateDirs).keys()].sort()) {
    try {
      env.getTemplate(name, true);
    } catch (e) {
      if (e && typeof e === 'object') (e as { parseError?: boolean }).parseError = true;
      out.push(templateDiagnostic(e, { outputPath: '', renderer: 'nunjucks', template: name, context: {}, origin: `templates/${name}` }, siteDir));
    }
  }
  return out;
}

function filterHint(name: string): string {
  const near = nearMiss(name, [...knownFilters].filter((f) => f !== name));
  if (near) return `There is no filter named ${name}: write \`${near}\`.`;
  const own = [...datelineFilters].sort();
  return `There is no filter named ${name}: fix its name, or remove it.${own.length ? ` dateline's filters: ${own.join(', ')}; and Nunjucks' own (default, join, replace, truncate…).` : ''}`;
}
