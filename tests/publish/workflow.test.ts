import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cli, read } from '../helpers/site.js';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { pull_request: unknown; push: { branches: string[] }; schedule: { cron: string }[] };
  jobs: Record<string, { if: string; needs?: string; environment?: unknown; outputs?: Record<string, string>; steps: Step[] }>;
}

/** Shell words of one command line: quotes grouped, `;`, `&&` and `||` split commands. */
function commands(script: string): string[][] {
  const out: string[][] = [];
  for (const line of script.split('\n')) {
    let words: string[] = [];
    for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(&&|\|\||;)|([^\s"';&|]+)/g)) {
      if (m[3]) {
        out.push(words);
        words = [];
      } else words.push(m[1] ?? m[2] ?? m[4]);
    }
    out.push(words);
  }
  return out.filter((w) => w.length > 0);
}

/** The `dateline …` invocations of a workflow, without the `npx`. */
function datelineCalls(wf: Workflow): { args: string[]; env: Record<string, string> }[] {
  const calls: { args: string[]; env: Record<string, string> }[] = [];
  for (const job of Object.values(wf.jobs)) {
    for (const step of job.steps) {
      if (!step.run) continue;
      for (const words of commands(step.run)) {
        const at = words.indexOf('dateline');
        if (at !== -1 && (at === 0 || words[at - 1] === 'npx')) calls.push({ args: words.slice(at + 1), env: step.env ?? {} });
      }
    }
  }
  return calls;
}

describe('the CI workflow written by dateline init', () => {
  it('is valid YAML: check and build on pull requests; cache, build and Pages deploy on main; a scheduled rebuild when a change is due', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-wf-')), 'paper');
    expect((await cli(['init', dir])).code).toBe(0);
    const doc = parseDocument(read(path.join(dir, '.github/workflows/publish.yml')), { strict: true, uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    const wf = doc.toJS() as Workflow;

    expect(wf.on).toHaveProperty('pull_request');
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.on.schedule[0].cron).toBe('*/15 * * * *');

    const check = wf.jobs.check;
    expect(check.if).toBe("github.event_name == 'pull_request'");
    const checkCalls = datelineCalls({ ...wf, jobs: { check } }).map((c) => c.args[0]);
    expect(checkCalls).toEqual(['check', 'build']);

    // The question first, in a job with no environment: a scheduled run with nothing due ends
    // there, and makes no github-pages deployment.
    const due = wf.jobs.due;
    expect(due.if).toBe("github.event_name != 'pull_request'");
    expect(due.environment).toBeUndefined();
    expect(due.outputs?.due).toBe('${{ steps.due.outputs.due }}');
    expect(due.steps.map((s) => s.uses?.split('@')[0] ?? s.id)).toEqual(['actions/cache/restore', 'due']);
    const publish = wf.jobs.publish;
    expect(publish.needs).toBe('due');
    expect(publish.if).toBe("needs.due.outputs.due == 'true'");
    expect(publish.environment).toMatchObject({ name: 'github-pages' });
    const uses = publish.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean);
    expect(uses).toEqual(['actions/checkout', 'actions/setup-node', 'actions/cache/restore', 'actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages', 'actions/cache/save']);
    const cache = publish.steps.find((s) => s.uses?.startsWith('actions/cache/restore'))!;
    const save = publish.steps.find((s) => s.uses?.startsWith('actions/cache/save'))!;
    // The cache and the output folder it describes, restored and saved together, with the commit
    // built; the question reads the same cache.
    expect(String(cache.with?.path).trim().split('\n')).toEqual(['.dateline-cache', 'dist', '.dateline-commit']);
    expect(due.steps[0].with).toEqual(cache.with);
    expect(save.with?.path).toBe(cache.with?.path);
    expect(save.with?.key).toBe(cache.with?.key);
    const buildAt = publish.steps.findIndex((s) => s.run?.includes('dateline build'));
    expect(buildAt).toBeGreaterThan(publish.steps.indexOf(cache));
    // Saved only once the site is deployed: a failed deploy leaves the last cache, still due.
    expect(publish.steps.indexOf(save)).toBeGreaterThan(publish.steps.findIndex((s) => s.uses?.startsWith('actions/deploy-pages')));
    expect(publish.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))!.with?.path).toBe('dist');
    for (const job of [check, publish]) {
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with?.['node-version'];
      expect(Number(node)).toBeGreaterThanOrEqual(20);
    }
  });

  it('rebuilds on a schedule only once the last build\'s next-change.json says a change is due', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-wf-')), 'paper');
    expect((await cli(['init', dir])).code).toBe(0);
    const wf = parseDocument(read(path.join(dir, '.github/workflows/publish.yml'))).toJS() as Workflow;
    const step = wf.jobs.due.steps.find((s) => s.id === 'due')!;
    expect(step.env?.EVENT).toBe('${{ github.event_name }}');
    // The step's own script, run by bash as the runner does, in a checkout with or without a last build.
    expect(step.env?.COMMIT).toBe('${{ github.sha }}');
    const due = (event: string, next: unknown, built = 'abc123'): string => {
      const work = mkdtempSync(path.join(tmpdir(), 'dateline-due-'));
      if (next !== 'none') {
        mkdirSync(path.join(work, 'dist'));
        writeFileSync(path.join(work, 'dist/next-change.json'), JSON.stringify({ next, published: [] }));
        writeFileSync(path.join(work, '.dateline-commit'), `${built}\n`);
      }
      const output = path.join(work, 'output');
      writeFileSync(output, '');
      execFileSync('bash', ['-e', '-c', step.run!], { cwd: work, env: { ...process.env, EVENT: event, COMMIT: 'abc123', GITHUB_OUTPUT: output } });
      return readFileSync(output, 'utf8').trim();
    };
    // The newest build from `dateline build`: its next change is the new year at least.
    const built = path.join(dir, 'dist/next-change.json');
    expect((await cli(['build', dir])).code).toBe(0);
    const next = (JSON.parse(read(built)) as { next: { unix: number } }).next;
    expect(next.unix).toBeGreaterThan(Date.now() / 1000);
    const now = Math.floor(Date.now() / 1000);
    expect(due('schedule', next)).toBe('due=false');
    expect(due('schedule', { ...next, unix: now - 60 })).toBe('due=true');
    expect(due('schedule', null)).toBe('due=false');
    // No last build to ask (the cache expired): build.
    expect(due('schedule', 'none')).toBe('due=true');
    // main has a commit the last build did not publish (a push whose run this one replaced): build.
    expect(due('schedule', next, 'older1')).toBe('due=true');
    for (const event of ['push', 'workflow_dispatch']) expect(due(event, next)).toBe('due=true');
  });

  it('calls only dateline commands and flags that exist, and each of them runs on the new site', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-wf-')), 'paper');
    expect((await cli(['init', dir])).code).toBe(0);
    const wf = parseDocument(read(path.join(dir, '.github/workflows/publish.yml'))).toJS() as Workflow;
    const calls = datelineCalls(wf);
    expect(calls.length).toBeGreaterThanOrEqual(3);

    for (const { args } of calls) {
      const help = await cli([args[0], '--help']);
      expect(help.code, `dateline ${args[0]} --help`).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('-'))) expect(help.stdout, `dateline ${args[0]} ${flag}`).toMatch(new RegExp(`(^|[\\s,])${flag.split('=')[0]}\\b`, 'm'));
    }

    // Run them as the workflow does, with what configure-pages gives a project site.
    const pagesUrl = 'https://octo.github.io/paper';
    for (const { args, env } of calls) {
      const expanded = args.map((a) => a.replace(/\$\{BASE_URL%\/\}/g, pagesUrl.replace(/\/$/, '')).replace(/\$\{\{[^}]*\}\}/g, pagesUrl));
      expect(Object.values(env).join(' ')).not.toMatch(/\$\{\{\s*secrets\./);
      const r = await cli(expanded, { cwd: dir });
      expect(r.stderr, `dateline ${expanded.join(' ')}`).toBe('');
      expect(r.code, `dateline ${expanded.join(' ')}`).toBe(0);
    }
    expect(read(path.join(dir, 'dist/index.html'))).toContain('<link rel="canonical" href="https://octo.github.io/paper/">');
  });
});
