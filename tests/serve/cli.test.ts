import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, DEFAULT_CONFIG, md, writeSite } from '../helpers/site.js';
import { listen, NOW, portClosed, request, spawnCli, waitFor, type Running, stopChild } from '../helpers/watch.js';

const article = (title: string, body: string) => md({ title, date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', tags: ['重庆'] }, body);
const PAGE = '2025/03/01/alpha/index.html';

let child: Running | undefined;
afterEach(async () => {
  await stopChild(child);
  child = undefined;
});

describe('dateline serve', () => {
  it('serves with live reload, shows a bad edit in the browser and the terminal, keeps the last good page, and stops on Ctrl-C', async () => {
    const dir = writeSite({ 'content/articles/alpha.md': article('Alpha', 'First version.') });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    const url = await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(c.stdout()), 'the URL');
    const port = Number(url[2]);
    await waitFor(() => /Built: 1 article/.test(c.stdout()), 'the first build');

    const page = await request(port, '/2025/03/01/alpha/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('First version.');
    expect(page.body).toMatch(/<script src="\/__dateline\/client\.js" defer data-version="[0-9a-f]{8}\.\d+"><\/script>/);
    expect(readFileSync(path.join(dir, 'dist', PAGE), 'utf8')).not.toContain('__dateline');
    expect((await request(port, '/tags/%E9%87%8D%E5%BA%86/')).status).toBe(200);

    const tab = await listen(port);
    await waitFor(() => tab.events.length, 'hello');
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Second version.'));
    await waitFor(() => tab.events.some((e) => e.event === 'reload'), 'a reload');
    expect((await request(port, '/2025/03/01/alpha/')).body).toContain('Second version.');

    writeFileSync(path.join(dir, 'content/articles/alpha.md'), '---\ntitle: Alpha\ndate: 2025-13-45\nauthor: Li Wei\n---\n\nBroken.\n');
    const errors = await waitFor(() => tab.events.find((e) => e.event === 'errors'), 'the errors in the browser');
    expect(errors.data).toEqual([expect.objectContaining({ file: 'content/articles/alpha.md', line: 3, frame: expect.stringContaining('> 3 | date: 2025-13-45') })]);
    await waitFor(() => /error\[\w+\] content\/articles\/alpha\.md:3/.test(c.stderr()), 'the error in the terminal');
    expect(c.stderr()).toContain('> 3 | date: 2025-13-45');
    expect(c.stderr()).toMatch(/1 error .*the last good build is still in place\. Still watching\./);
    expect((await request(port, '/2025/03/01/alpha/')).body).toContain('Second version.');

    const reloads = tab.events.filter((e) => e.event === 'reload').length;
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Third version.'));
    await waitFor(() => tab.events.filter((e) => e.event === 'reload').length > reloads, 'the reload that clears the overlay');
    expect((await request(port, '/2025/03/01/alpha/')).body).toContain('Third version.');
    expect(c.stderr()).not.toMatch(/at .*\.js:\d+/);

    // `rm -rf dist` beside the session: the next request builds it again, without a save.
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
    await waitFor(async () => (await request(port, '/2025/03/01/alpha/')).status === 200, 'the output folder built again');
    expect((await request(port, '/2025/03/01/alpha/')).body).toContain('Third version.');
    expect(c.stdout()).toMatch(/Rebuilt everything \(the output folder was deleted\): 1 article/);

    c.proc.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(c.stdout()).toContain('Stopping');
    expect(await portClosed(port)).toBe(true);
  });

  it('sends the warnings of the last good build to the browser (code, file, line, fix), keeps them across a save of another file, and none once fixed', async () => {
    const story = (front: Record<string, unknown>) => md({ date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', ...front }, 'Body.');
    const dir = writeSite({ 'content/articles/alpha.md': story({ title: 'Alpha' }), 'content/articles/beta.md': story({ title: 'Beta' }), 'content/pages/mark.md': md({ title: 'Mark' }) });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    const port = Number((await waitFor(() => /Serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(c.stdout()), 'the URL'))[1]);
    await waitFor(() => /Built: 2 articles/.test(c.stdout()), 'the first build');
    /** A tab that opens now: what the stream says before the next save's reload, which comes after all of it. */
    const openTab = async () => {
      const tab = await listen(port);
      await waitFor(() => tab.events.length, 'hello');
      return tab;
    };
    const save = async (file: string, text: string) => {
      const tab = await openTab();
      writeFileSync(path.join(dir, 'content/articles', file), text);
      await waitFor(() => tab.events.some((e) => e.event === 'reload'), `the reload after ${file}`);
      tab.close();
    };
    const warningsOf = async () => {
      const tab = await openTab();
      // Next to nothing to rebuild: the save only marks where this tab's stream is done.
      writeFileSync(path.join(dir, 'content/pages/mark.md'), md({ title: 'Mark' }, `Saved at ${Date.now()}.`));
      await waitFor(() => tab.events.some((e) => e.event === 'reload'), 'the marking reload');
      tab.close();
      return tab.events.filter((e) => e.event === 'warnings').map((e) => (e.data as { shown: unknown[] }).shown);
    };
    expect(await warningsOf()).toEqual([]);

    await save('alpha.md', story({ title: `Alpha ${'a very long headline '.repeat(10)}` }));
    await save('beta.md', story({ title: 'Beta', related: ['alpah'] }));
    const [warnings] = await warningsOf();
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'LONG_HEADLINE', file: 'content/articles/alpha.md', line: 4, hint: expect.stringContaining('Write a headline') }),
      expect.objectContaining({ code: 'RELATED_NOT_FOUND', file: 'content/articles/beta.md', line: 5, hint: expect.stringContaining('`alpha`') }),
    ]);
    // A save that fixes one leaves the other; a save that fixes both leaves none.
    await save('alpha.md', story({ title: 'Alpha' }));
    expect((await warningsOf())[0]).toEqual([expect.objectContaining({ code: 'RELATED_NOT_FOUND', file: 'content/articles/beta.md' })]);
    await save('beta.md', story({ title: 'Beta', related: ['alpha'] }));
    expect(await warningsOf()).toEqual([]);
  });

  it('says nothing is built yet when its first build fails and there is no output folder, and builds it once fixed', async () => {
    const dir = writeSite({ 'content/articles/alpha.md': '---\ntitle: Alpha\ndate: 2025-13-45\nauthor: Li Wei\n---\n\nBroken.\n' });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    const url = await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(c.stdout()), 'the URL');
    await waitFor(() => /1 error; nothing is built yet\. Still watching\./.test(c.stderr()), 'the failed first build');
    expect(c.stderr()).not.toContain('last good build');
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Fixed.'));
    await waitFor(() => /Rebuilt/.test(c.stdout()), 'the build once fixed');
    expect((await request(Number(url[2]), '/2025/03/01/alpha/')).body).toContain('Fixed.');
  });

  it('prints the address of the home page under the base path, which serves it, and prints it again when the config moves the site', async () => {
    const config = (base: string) => DEFAULT_CONFIG.replace("baseUrl: 'https://news.example.org/'", `baseUrl: 'https://news.example.org${base}'`);
    const dir = writeSite({ 'dateline.config.ts': config('/news/'), 'content/articles/alpha.md': article('Alpha', 'First version.') });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    // The server's address at once (the port of --port 0), then the home page's once the config is read.
    const root = new URL((await waitFor(() => /Serving (\S+) with live reload\./.exec(c.stdout()), 'the URL'))[1]);
    expect(root.pathname).toBe('/');
    const url = new URL((await waitFor(() => /Serving (\S+\/news\/) with live reload\./.exec(c.stdout()), 'the home page'))[1]);
    expect(url.port).toBe(root.port);
    const port = Number(url.port);
    const home = await request(port, url.pathname);
    expect(home.status).toBe(200);
    expect(home.body).toContain('href="/news/2025/03/01/alpha/"');
    // The server's root is not the site: it sends the browser to the home page.
    const top = await request(port, '/?from=bookmark');
    expect([top.status, top.headers.location]).toEqual([301, '/news/?from=bookmark']);

    // A save that leaves the address as it was does not print it again.
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Second version.'));
    await waitFor(() => /Rebuilt \(content\/articles\/alpha\.md\)/.test(c.stdout()), 'the rebuild');
    expect(c.stdout().match(/Serving /g)).toHaveLength(2);

    writeFileSync(path.join(dir, 'dateline.config.ts'), config('/'));
    await waitFor(() => c.stdout().match(/Serving /g)?.length === 3, 'the new address');
    expect(c.stdout().trimEnd().split('\n').filter((l) => l.startsWith('Serving ')).pop()).toBe(`Serving http://127.0.0.1:${port}/ with live reload.`);
    expect((await request(port, '/')).body).toContain('href="/2025/03/01/alpha/"');
  });

  it('says in the terminal what a save holds back until its time (a story dated ahead, a live update timed after now), as `dateline build` does', async () => {
    // NOW is 2026-01-01 08:00 in the site's zone (Asia/Shanghai).
    const live = (updates: string) => md({ title: 'Landslide closes highway', date: '2025-12-31 20:00', author: 'Li Wei', live: true }, `The road is shut.\n\n${updates}`);
    const dir = writeSite({
      'content/articles/alpha.md': article('Alpha', 'First version.'),
      'content/articles/survey.md': md({ title: 'Slope survey', date: '2026-01-02 06:00', author: 'Li Wei' }),
      'content/articles/live.md': live('## 21:00 Police close the road\n\nBoth ways.'),
    });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    const port = Number((await waitFor(() => /Serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(c.stdout()), 'the URL'))[1]);
    await waitFor(() => /Built: 2 articles/.test(c.stdout()), 'the first build');
    // The first build lists all it holds back, as `dateline build` does.
    await waitFor(() => c.stdout().includes('Held back until their time (1):\n  content/articles/survey.md at 2026-01-02 06:00:00+08:00'), 'the list of the first build');

    // An update typed with a time after now: the page leaves it out, and the terminal says why.
    writeFileSync(path.join(dir, 'content/articles/live.md'), live('## 2026-01-01 09:30 Minister due at the scene\n\nAt noon.\n\n## 21:00 Police close the road\n\nBoth ways.'));
    await waitFor(() => /Held back until 2026-01-01 09:30:00\+08:00: an update of content\/articles\/live\.md \(its time is still to come\)\./.test(c.stdout()), 'the held-back update');
    const page = await request(port, '/2025/12/31/live/');
    expect(page.body).toContain('Police close the road');
    expect(page.body).not.toContain('Minister due');

    // A new story dated ahead: said once, not again on the next save of another file.
    writeFileSync(path.join(dir, 'content/articles/ahead.md'), md({ title: 'Ahead', date: '2026-03-01 10:00', author: 'Li Wei' }));
    await waitFor(() => /Held back until 2026-03-01 10:00:00\+08:00: content\/articles\/ahead\.md \(its date is still to come\)\./.test(c.stdout()), 'the held-back story');
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Second version.'));
    await waitFor(() => /Rebuilt \(content\/articles\/alpha\.md\)/.test(c.stdout()), 'the next rebuild');
    expect(c.stdout().match(/Held back until/g)).toHaveLength(3);
    expect((await request(port, '/')).body).not.toContain('Ahead');
  });

  it('names what a rebuild by the clock published (on the live clock, without --now)', async () => {
    const soon = new Date(Date.now() + 5000).toISOString().replace(/\.\d+Z$/, 'Z');
    const dir = writeSite({ 'content/articles/alpha.md': article('Alpha', 'First version.'), 'content/articles/soon.md': md({ title: 'Slope survey ordered', date: soon, author: 'Li Wei' }) });
    const c = (child = spawnCli(['serve', dir, '--port', '0']));
    const port = Number((await waitFor(() => /Serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(c.stdout()), 'the URL'))[1]);
    await waitFor(() => /Held back until their time \(1\):\n  content\/articles\/soon\.md at /.test(c.stdout()), 'the held-back story');
    expect((await request(port, '/')).body).not.toContain('Slope survey ordered');
    await waitFor(() => /Rebuilt everything \(a scheduled publication or expiry time came\): 2 articles.*\n\[[\d:]+\] Published at its time \([^)]+\): content\/articles\/soon\.md\./.test(c.stdout()), 'the publication, by name');
    expect((await request(port, '/')).body).toContain('Slope survey ordered');
  });

  it('prints a warning once, not again when a save above it moves its line (an update added at the top of a live blog)', async () => {
    const live = (updates: string) => md({ title: 'Landslide closes highway', date: '2025-12-31 20:00', author: 'Li Wei', live: true }, `The road is shut.\n\n${updates}![Mud](/images/mud.jpg)\n`);
    const dir = writeSite({ 'content/articles/live.md': live('## 21:00 Police close the road\n\nBoth ways.\n\n') });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    await waitFor(() => /Built: 1 article/.test(c.stdout()), 'the first build');
    await waitFor(() => /warning\[MISSING_IMAGE\] content\/articles\/live\.md:14:/.test(c.stderr()), 'the warning');
    writeFileSync(path.join(dir, 'content/articles/live.md'), live('## 22:00 Rain eases\n\nAt last.\n\n## 21:00 Police close the road\n\nBoth ways.\n\n'));
    await waitFor(() => c.stdout().match(/Rebuilt \(content\/articles\/live\.md\)/g)?.length === 1, 'the rebuild');
    // A new warning is still said.
    writeFileSync(path.join(dir, 'content/articles/live.md'), live('## 22:00 Rain eases\n\nAt last.\n\n## 21:00 Police close the road\n\nBoth ways.\n\n![Road](/images/road.jpg)\n\n'));
    await waitFor(() => /warning\[MISSING_IMAGE\] content\/articles\/live\.md:18:\d+\n  A photo in the body, \/images\/road\.jpg/.test(c.stderr()), 'the new warning');
    expect(c.stderr().match(/warning\[MISSING_IMAGE\]/g)).toHaveLength(2);
  });

  it('exits with a usage error when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const c = (child = spawnCli(['serve', writeSite({}), '--port', String(port)]));
      expect(await c.exited).toBe(2);
      expect(c.stderr()).toContain(`Port ${port} on 127.0.0.1 is in use`);
      expect((await spawnCliDone(['serve', writeSite({}), '--port', 'eighty'])).stderr).toContain('--port must be a number');
    } finally {
      blocker.close();
    }
  });
});

describe('dateline build --watch', () => {
  it('rebuilds on every save without a server, and exits 0 on SIGTERM', async () => {
    const dir = writeSite({ 'content/articles/alpha.md': article('Alpha', 'First version.') });
    const c = (child = spawnCli(['build', dir, '--watch', '--now', NOW]));
    await waitFor(() => /Watching .* for changes/.test(c.stdout()), 'the watcher');
    expect(c.stdout()).not.toContain('Serving');
    writeFileSync(path.join(dir, 'content/articles/alpha.md'), article('Alpha', 'Edited while watching.'));
    await waitFor(() => readFileSync(path.join(dir, 'dist', PAGE), 'utf8').includes('Edited while watching.'), 'the rebuilt page');
    await waitFor(() => /Rebuilt \(content\/articles\/alpha\.md\): 1 article/.test(c.stdout()), 'the rebuild line');
    expect(readFileSync(path.join(dir, 'dist', PAGE), 'utf8')).not.toContain('__dateline');
    c.proc.kill('SIGTERM');
    expect(await c.exited).toBe(0);
  });

  it('--strict holds warnings as errors in a session too; --json, --timings and --manifest, reports of one build, are refused', async () => {
    const dir = writeSite({ 'content/articles/alpha.md': md({ title: 'Alpha', date: '2025-01-01', author: 'A', image: '/images/a.jpg' }) });
    const c = (child = spawnCli(['build', dir, '--watch', '--strict', '--now', NOW]));
    await waitFor(() => /error\[MISSING_ALT\]/.test(c.stderr()), 'the warning as an error');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    c.proc.kill('SIGTERM');
    await c.exited;
    for (const [args, flag] of [[['serve', dir, '--port', '0', '--json'], '--json'], [['build', dir, '--watch', '--timings'], '--timings'], [['build', dir, '--watch', '--manifest', 'm.json'], '--manifest']] as const) {
      const r = await cli([...args]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr).toContain(`error: ${flag} reports on one build; it cannot be combined with`);
    }
  });
});

async function spawnCliDone(args: string[]) {
  const c = spawnCli(args);
  await c.exited;
  return { stdout: c.stdout(), stderr: c.stderr() };
}
