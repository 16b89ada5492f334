import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

// Front matter as the tools a newsroom moves from write it (Hugo, Jekyll, WordPress exports,
// Eleventy, Ghost): every key that holds a story back there is an error here, at its line, and
// every fix is followed to check that it does what it says.

const FILE = 'content/articles/2024/rail-freight.md';
const BASE = 'title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei';

function check(front: string, options: { kind?: 'article' | 'page'; defaultAuthor?: string; file?: string; datedUrls?: boolean } = {}) {
  const file = options.file ?? FILE;
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(file, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file, text, kind: options.kind ?? 'article', timeZone: 'Asia/Shanghai', defaultAuthor: options.defaultAuthor, datedUrls: options.datedUrls });
}
const errors = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'error');
const warnings = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'warning');

describe('other tools\' ways of holding a story back or taking it down: an error at the line, whose fix holds it back', () => {
  // [what the old file says, the line the fix says to write instead, what that line does]
  // (`status: draft`, `published: false`, `isDraft: true` and `expiryDate` were errors before:
  // tests/e2e/bad-input.test.ts and tests/validate/article.test.ts.)
  const cases: [string, string, 'draft' | 'expires'][] = [
    ['is_draft: true', 'draft: true', 'draft'],
    ['is-draft: "yes"', 'draft: true', 'draft'],
    ['Draft: yes', 'draft: true', 'draft'],
    ['status: private', 'draft: true', 'draft'],
    ['status: pending', 'draft: true', 'draft'],
    ['status: trash', 'draft: true', 'draft'],
    ['post_status: Private', 'draft: true', 'draft'],
    ['visibility: private', 'draft: true', 'draft'],
    ['published: off', 'draft: true', 'draft'],
    ['headless: true', 'draft: true', 'draft'],
    ['permalink: false', 'draft: true', 'draft'],
    ['eleventyExcludeFromCollections: true', 'draft: true', 'draft'],
    ['expiry_date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expiry-date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['Expiry Date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expiration_date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expire_date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expires_at: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expiration: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['unpublishDate: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    // Holding back in other words (a night editor's, not a tool's).
    ['hold: true', 'draft: true', 'draft'],
    ['on_hold: yes', 'draft: true', 'draft'],
    ['do_not_publish: true', 'draft: true', 'draft'],
    ['doNotPublish: true', 'draft: true', 'draft'],
    ['publish: no', 'draft: true', 'draft'],
    ['publish: false', 'draft: true', 'draft'],
    ['hold_until: legal clears it', 'draft: true', 'draft'],
    ['status: spiked', 'draft: true', 'draft'],
    // A takedown at a time, under any name that starts so, or says "until".
    ['takedown: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['takedown_date: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['unpublish: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['remove_after: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['expires_on: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['Expire-At: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['publish_until: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['delete_on: 2025-01-01', 'expires: 2025-01-01', 'expires'],
    ['deleted_at: 2025-01-01', 'expires: 2025-01-01', 'expires'],
  ];
  for (const [line, fixed, field] of cases) {
    it(`\`${line}\``, () => {
      const r = check(`${BASE}\n${line}`);
      expect(r.meta).toBeUndefined();
      const e = errors(r);
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 5, column: 1 });
      expect(e[0].frame).toContain(`> 5 | ${line}`);
      expect(e[0].message).toMatch(field === 'draft' ? /would be published/ : /would never be taken down/);
      // The fix names the line to write, or says to rename the key to the one that does.
      const key = line.split(':')[0];
      expect(e[0].hint).toMatch(new RegExp(`\`${fixed}\`|Rename \`${key}\` to \`${fixed.split(':')[0]}\`\\.`));
      // Followed, it holds the story back, with nothing left to say.
      const after = check(`${BASE}\n${fixed}`);
      expect(after.diagnostics).toEqual([]);
      if (field === 'draft') expect(after.meta!.draft).toBe(true);
      else expect(after.meta!.expires!.iso.slice(0, 10)).toBe('2025-01-01');
    });
  }

  it('Hugo\'s `_build` with `render: never` or `list: never`, at that line; a fix of each way, followed', () => {
    for (const sub of ['render: never', 'list: never', 'render: false']) {
      const r = check(`${BASE}\n_build:\n  ${sub}\n  publishResources: false`);
      const [e] = errors(r);
      expect(e).toMatchObject({ code: 'UNKNOWN_KEY', line: 6 });
      expect(e.message).toContain(`\`_build\` with \`${sub}\``);
      expect(e.hint).toMatch(/^Write `draft: true` instead of the `_build` lines/);
    }
    expect(errors(check(`${BASE}\n_build:\n  list: never`))[0].message).toContain('would be published and listed like any other');
    expect(errors(check(`${BASE}\n_build:\n  list: never`))[0].hint).toContain('or delete the `_build` lines to publish it with the others');
    // A `_build` that keeps the page and its listing does nothing: delete it.
    const w = warnings(check(`${BASE}\n_build:\n  render: always\n  list: always`));
    expect(w.map((d) => [d.line, d.hint])).toEqual([[5, 'Delete the `_build` lines.']]);
  });

  it('WordPress `status: future`: the fix sets `date` (dateline\'s way of scheduling) or holds it back', () => {
    const [e] = errors(check(`${BASE}\nstatus: future`));
    expect(e.message).toBe('`status: future` does not hold the article back in dateline: it is published at its `date`, as soon as that has passed.');
    expect(e.hint).toBe('Set `date:` to the time it is to go out (a story is published at its date) and delete the `status` line; or, to hold it back until further notice, write `draft: true` instead of `status: future`.');
    expect(check('title: Rail freight doubles\ndate: 2030-05-01 08:00\nauthor: Li Wei').diagnostics).toEqual([]);
  });

  it('with a `draft:` line there already, the fix changes it rather than adding a second one', () => {
    const [e] = errors(check(`${BASE}\ndraft: false\nstatus: private`));
    expect(e.hint).toBe('Set the `draft:` line to `draft: true`, and delete the `status` line.');
    expect(errors(check(`${BASE}\ndraft: false\nis_draft: true`))[0].hint).toBe('Set the `draft:` line to `draft: true`, and delete the `is_draft` line.');
    expect(errors(check(`${BASE}\nexpires: 2025-02-01\nexpiry_date: 2025-01-01`))[0].hint).toBe('Keep one time in the `expires:` line, and delete the `expiry_date` line.');
  });

  it('on a standalone page, it says "page"', () => {
    const [e] = errors(check('title: About us\nstatus: private', { kind: 'page' }));
    expect(e.message).toBe('`status: private` does not hold the page back in dateline: as written, it would be published.');
  });
});

describe('an embargo under any name: an error at its line, whose fix is `date:` with the time as written', () => {
  for (const [line, time] of [
    ['embargo_time: 2030-12-15 09:00', '2030-12-15 09:00'],
    ['embargo_lifts: 2030-12-15T09:00:00+08:00', '2030-12-15T09:00:00+08:00'],
    ['embargo_end: 2030-12-15', '2030-12-15'],
    ['EmbargoLiftsAt: 2030-12-15 09:00', '2030-12-15 09:00'],
    ['embargo-until: 2020-01-01 09:00', '2020-01-01 09:00'],
  ]) {
    it(`\`${line}\``, () => {
      const r = check(`${BASE}\n${line}`);
      expect(r.meta).toBeUndefined();
      const e = errors(r);
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 5, column: 1, message: `\`${line}\` does not hold the article back in dateline: as written, it would be published at its \`date\`.` });
      expect(e[0].hint).toBe(`Set \`date:\` to the time the embargo lifts (\`date: ${time}\`: a story is published at its date), and delete the \`${line.split(':')[0]}\` line.`);
      // Followed: the story's date is the time the embargo lifts.
      const after = check(`title: Rail freight doubles\ndate: ${time}\nauthor: Li Wei`);
      expect(after.diagnostics).toEqual([]);
      expect(after.meta!.date!.iso).toBe(check(`title: T\ndate: ${time}\nauthor: A`).meta!.date!.iso);
    });
  }

  it('without a time, the fix gives an example; `embargo: false` or `none` says no embargo', () => {
    expect(errors(check(`${BASE}\nembargoed: true`))[0].hint).toBe('Set `date:` to the time the embargo lifts (such as `date: 2030-01-01 09:00`: a story is published at its date), and delete the `embargoed` line.');
    expect(errors(check(`${BASE}\nembargo_note: Do not share before the minister speaks`))[0].code).toBe('UNKNOWN_KEY');
    for (const line of ['embargo: false', 'embargoed: no', 'embargo_until: none', 'embargo: ""']) expect(check(`${BASE}\n${line}`).diagnostics, line).toEqual([]);
    // An embargo of something else, on a story about sanctions, is the site's own field.
    expect(check(`${BASE}\ntrade_embargo: Cuba`).diagnostics).toEqual([]);
    expect(errors(check(`${BASE}\ntrade_embargo: 2030-01-01`))[0].code).toBe('UNKNOWN_KEY');
  });
});

describe('a takedown in other words: an error, whose fix (`withdrawn`) takes the story down and leaves a notice at its address', () => {
  for (const line of ['retracted: true', 'status: retracted', 'status: Withdrawn', 'status: deleted', 'status: removed', 'takedown: true', 'take_down: yes', 'removed: true', 'deleted: true', 'expired: true', 'Withdrawn: true', 'is_withdrawn: true']) {
    it(`\`${line}\``, () => {
      const r = check(`${BASE}\n${line}`);
      expect(r.meta).toBeUndefined();
      const e = errors(r);
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 5, column: 1, message: `\`${line}\` does not take the article down in dateline: as written, it stays published.` });
      expect(e[0].frame).toContain(`> 5 | ${line}`);
      expect(e[0].hint).toMatch(new RegExp(`^Write \`withdrawn: true\` instead of \`${line}\` to take it down and show the site's notice at its address, or \`withdrawn: "…"\` with your own notice`));
      // The other ways stay in the fix: no notice at all, or later.
      expect(e[0].hint).toContain('write `draft: true` or delete the file; to take it down later, write the time as `expires:` (such as `expires: 2030-01-01 09:00`).');
      // Followed: the story is withdrawn, with the site's notice or the editors' own.
      const after = check(`${BASE}\nwithdrawn: true`);
      expect(after.diagnostics).toEqual([]);
      expect(after.meta!.withdrawn).toEqual({});
      const own = check(`${BASE}\nwithdrawn: "This article has been removed for legal reasons."`);
      expect(own.diagnostics).toEqual([]);
      expect(own.meta!.withdrawn).toEqual({ notice: 'This article has been removed for legal reasons.' });
    });
  }

  it('with `withdrawn` there already, the fix is to delete the other line', () => {
    const [e] = errors(check(`${BASE}\nwithdrawn: true\nstatus: retracted`));
    expect(e).toMatchObject({ code: 'UNKNOWN_KEY', line: 6 });
    expect(e.hint).toMatch(/^`withdrawn` is set already: delete the `status` line\. To take it off the site without a notice/);
  });

  it('`retracted: false` and `withdrawn: false` publish the story: a warning for the first, nothing for dateline\'s own', () => {
    expect(warnings(check(`${BASE}\nretracted: false`))[0].hint).toBe('Delete the line.');
    const r = check(`${BASE}\nwithdrawn: false`);
    expect(r.diagnostics).toEqual([]);
    expect(r.meta!.withdrawn).toBeUndefined();
  });
});

describe('`withdrawn`: true, the notice, or a date and a text; anything else stops the build at its line', () => {
  it('takes a date (in the site\'s zone) and a text, either alone', () => {
    expect(check(`${BASE}\nwithdrawn:\n  date: 2024-05-01 10:00\n  text: Removed after a complaint.`).meta!.withdrawn).toEqual({ date: '2024-05-01T10:00:00+08:00', notice: 'Removed after a complaint.' });
    expect(check(`${BASE}\nwithdrawn:\n  date: 2024-05-01`).meta!.withdrawn).toEqual({ date: '2024-05-01T00:00:00+08:00' });
  });

  for (const [line, message] of [
    ['withdrawn:', '`withdrawn` is empty.'],
    ['withdrawn: ""', '`withdrawn` is empty.'],
    ['withdrawn: yes', '`withdrawn` must be true, false or the notice\'s text: YAML reads `yes` as text, which would be shown as the notice.'],
    ['withdrawn: "false"', '`withdrawn` must be true, false or the notice\'s text: YAML reads `false` as text, which would be shown as the notice.'],
    ['withdrawn: [a, b]', '`withdrawn` must be true, false or the notice\'s text, found a list.'],
    ['withdrawn:\n  reason: Legal', '`withdrawn` has `reason`, which is not `date` or `text`.'],
    ['withdrawn: 2024-05-01', '`withdrawn: 2024-05-01` is a date, which would be shown as the notice.'],
    ['withdrawn: 2024-05-01 10:00', '`withdrawn: 2024-05-01 10:00` is a date, which would be shown as the notice.'],
    ['withdrawn:\n  date: last week', undefined],
  ] as const) {
    it(`\`${line.replace(/\n.*/s, ' …')}\`${message ? '' : ' (a bad date)'}`, () => {
      const r = check(`${BASE}\n${line}`);
      expect(r.meta).toBeUndefined();
      const [e] = errors(r);
      expect(e).toMatchObject({ code: message ? 'BAD_FIELD' : 'BAD_DATE', file: FILE, line: 5 });
      if (message) expect(e.message).toBe(message);
    });
  }

  it('a misspelt `withdrawn` that would leave the story up is an error whose fix is the name', () => {
    const [e] = errors(check(`${BASE}\nwithdrawm: Removed for legal reasons.`));
    expect(e).toMatchObject({ code: 'UNKNOWN_KEY', line: 5, message: '`withdrawm` is not a field dateline knows; did you mean `withdrawn`? As written, it does nothing: the article stays published.', hint: 'Rename `withdrawm` to `withdrawn`.' });
  });

  it('a # in an unquoted notice is a comment YAML drops: an error whose fix quotes it', () => {
    const [e] = errors(check(`${BASE}\nwithdrawn: Removed under court order #4512`));
    expect(e).toMatchObject({ code: 'COMMENT_IN_TEXT', line: 5, hint: "Put the whole withdrawn in quotes: withdrawn: 'Removed under court order #4512'" });
  });

  it('a withdrawal dated before the story is warned', () => {
    // At the `date:` under `withdrawn`, the line it is about.
    const [w] = warnings(check(`${BASE}\nwithdrawn:\n  date: 2024-03-01`));
    expect(w).toMatchObject({ code: 'WITHDRAWN_BEFORE_DATE', line: 6 });
  });
});

describe('other tools\' ways of unlisting, archiving or hiding a story from search engines', () => {
  it('`hidden: true` and `unlisted: true`: dateline has no unlisted stories', () => {
    for (const line of ['hidden: true', 'unlisted: true']) {
      const [e] = errors(check(`${BASE}\n${line}`));
      expect(e, line).toMatchObject({ code: 'UNKNOWN_KEY', line: 5, message: `\`${line}\` does not keep the article out of listings in dateline: as written, it would be published and listed like any other.` });
      expect(e.hint, line).toBe(`Write \`draft: true\` instead of \`${line}\` to keep it off the site, or delete the line to publish it with the others.`);
    }
  });

  it('`status: archived` (online in some systems, taken down in others): a warning that says it is published', () => {
    const r = check(`${BASE}\nstatus: archived`);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toMatchObject([{ code: 'UNKNOWN_KEY', line: 5, message: '`status: archived` does not take the article down in dateline: it is published like any other.', hint: 'To take it off the site, write `draft: true` instead of `status: archived`; to keep it published, delete the line, or ignore this if it is meant for your own templates.' }]);
    expect(r.meta!.draft).toBe(false);
  });

  it('`noindex: true`: not supported, a warning that the story is published and open to search engines', () => {
    for (const [line, kind] of [['noindex: true', 'article'], ['robots: noindex, nofollow', 'article'], ['noindex: yes', 'page']] as const) {
      const r = check(kind === 'page' ? `title: Thank you\n${line}` : `${BASE}\n${line}`, { kind });
      expect(errors(r), line).toEqual([]);
      const [w] = warnings(r);
      expect(w, line).toMatchObject({ code: 'UNKNOWN_KEY', line: kind === 'page' ? 3 : 5, message: `\`${line}\` is not supported: dateline cannot keep one ${kind} out of search engines, so it is published, in the sitemap, and open to them.` });
      expect(w.hint, line).toBe(`Delete the line to publish it so; to keep it off the site, write \`draft: true\` instead of \`${line}\`.`);
    }
    expect(check(`${BASE}\nnoindex: false`).diagnostics).toEqual([]);
    expect(check(`${BASE}\nrobots: index, follow`).diagnostics).toEqual([]);
  });
});

describe('other tools\' ways of saying "publish": a warning whose fix is to delete the line', () => {
  for (const line of ['status: publish', 'status: Published', 'visibility: public', 'published: true', 'published: yes', 'is_draft: false', 'isDraft: "no"', 'eleventyExcludeFromCollections: false', 'headless: false', 'unpublished: false', 'publish: true', 'hold: false', 'do_not_publish: no', 'retracted: false', 'hidden: false', 'scheduled: false']) {
    it(`\`${line}\``, () => {
      const r = check(`${BASE}\n${line}`);
      expect(errors(r)).toEqual([]);
      const w = warnings(r);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ code: 'UNKNOWN_KEY', line: 5, hint: 'Delete the line.' });
      expect(w[0].message).toContain('does nothing in dateline: an article is published unless it has `draft: true`.');
      expect(r.meta!.draft).toBe(false);
    });
  }
});

describe('a site\'s own fields that only look like another tool\'s', () => {
  it('stay its own, silently, where the other tool\'s are errors', () => {
    for (const [own, other] of [
      ['status: review', 'status: pending'],
      ['visibility: members', 'visibility: private'],
      ['headless: maybe', 'headless: true'],
      ['build: nightly', '_build:\n  render: never'],
      ['release_date: 2024-05-03', 'expire_date: 2024-05-03'],
      ['event_date: 2030-05-03', 'embargo_date: 2030-05-03'],
      ['album_release_date: 2030-05-03', 'takedown_date: 2030-05-03'],
      ['delivery_date: 2030-05-03', 'remove_after: 2030-05-03'],
      ['status: live', 'status: retracted'],
      ['removed: the photo, at the family\'s request', 'removed: true'],
      ['edited: true', 'hold: true'],
      // An export's empty fields on every story: nothing meant by them.
      ['deleted_at:', 'deleted_at: 2025-01-01'],
      ['updated_at: ""', 'hold_until: legal clears it'],
    ]) {
      const r = check(`${BASE}\n${own}`);
      expect(r.diagnostics, own).toEqual([]);
      expect(Object.keys(r.meta!.extra), own).toEqual([own.split(':')[0]]);
      expect(errors(check(`${BASE}\n${other}`)).map((d) => d.code), other).toEqual(['UNKNOWN_KEY']);
    }
    // A full URL is no old address on this site (plan/migrated.ts checks paths).
    expect(check(`${BASE}\nurl: https://example.org/elsewhere`).diagnostics).toEqual([]);
    // A live blog's own badge: no warning whose fix would delete it.
    expect(check(`${BASE}\nstatus: live`).diagnostics).toEqual([]);
  });
});

describe('the time of the last change under other names: `updated`, as for `modified` and `lastmod`', () => {
  for (const key of ['updated_at', 'last_updated', 'dateModified', 'updated_date', 'modified_at', 'last_modified', 'updatedAt', 'modified', 'lastmod', 'Last-Edited', 'date_updated']) {
    it(`\`${key}\``, () => {
      const r = check(`${BASE}\n${key}: 2024-03-21 10:00`);
      const w = warnings(r);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 5, message: `\`${key}\` is not a field dateline knows; did you mean \`updated\`?`, hint: `Rename \`${key}\` to \`updated\`, or ignore this if it is meant for your own templates.` });
      // Followed: the article has its time of update.
      const after = check(`${BASE}\nupdated: 2024-03-21 10:00`);
      expect(after.diagnostics).toEqual([]);
      expect(after.meta!.updated!.iso).toBe('2024-03-21T10:00:00+08:00');
    });
  }

  it('beside `updated`, the fix keeps one line', () => {
    expect(warnings(check(`${BASE}\nupdated: 2024-03-21\nlast_updated: 2024-03-22`))[0].hint).toBe('`updated` is set already: keep what is right in its line and delete the `last_updated` line, or ignore this if it is meant for your own templates.');
  });
});

describe('`draft` that is neither true nor false: the fix says which way is which', () => {
  it('`no`, `off` and a quoted "false" mean publish: `draft: false` first', () => {
    for (const value of ['no', 'off', '"false"', 'N']) {
      const [e] = errors(check(`${BASE}\ndraft: ${value}`));
      expect(e, value).toMatchObject({ code: 'BAD_FIELD', line: 5 });
      expect(e.hint, value).toMatch(/^To publish the article, as `.*` says, write `draft: false` or delete the line; to hold it back, write `draft: true`\.$/);
    }
    expect(errors(check(`${BASE}\ndraft: no`))[0].message).toBe('`draft` must be true or false: YAML reads `no` as text, not as false (as other tools do).');
    expect(errors(check(`${BASE}\ndraft: "false"`))[0].message).toBe('`draft` must be true or false without quotes: YAML reads the quoted "false" as text.');
    expect(check(`${BASE}\ndraft: false`).meta!.draft).toBe(false);
  });

  it('`yes`, `on` and 1 mean hold back: `draft: true` first', () => {
    for (const value of ['yes', 'on', '"true"', '1']) {
      const [e] = errors(check(`${BASE}\ndraft: ${value}`));
      expect(e.hint, value).toMatch(/^To hold the article back, as `.*` says, write `draft: true`; to publish it, delete the line\.$/);
    }
    expect(check(`${BASE}\ndraft: true`).meta!.draft).toBe(true);
  });

  it('anything else: both ways, neither first', () => {
    expect(errors(check(`${BASE}\ndraft: maybe`))[0].hint).toBe('Write `draft: true` to hold the article back, or `draft: false` to publish it.');
  });
});

describe('Hugo\'s `authors`, and other names for the byline', () => {
  it('alone, holding names, is an error: the story would go out under the default byline, or none', () => {
    const front = 'title: Flood defences approved\ndate: 2024-03-20\nauthors: [Maria Lopez, Sam Chen]';
    for (const defaultAuthor of ['Newsroom Staff', undefined]) {
      const r = check(front, { defaultAuthor });
      expect(r.meta).toBeUndefined();
      // One error, at the `authors` line: no second one saying `author` is missing.
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'UNKNOWN_KEY', line: 4 });
      expect(r.diagnostics[0].message).toBe(`\`authors\` is not a field dateline knows, and there is no \`author\`: as written, the article would be published ${defaultAuthor ? 'under the default byline (Newsroom Staff)' : 'with no byline'}.`);
      expect(r.diagnostics[0].hint).toBe('Rename `authors` to `author` (a list gives each name a byline: `author: [Maria Lopez, Sam Chen]`).');
    }
    // Followed: two bylines.
    const after = check('title: Flood defences approved\ndate: 2024-03-20\nauthor: [Maria Lopez, Sam Chen]', { defaultAuthor: 'Newsroom Staff' });
    expect(after.diagnostics).toEqual([]);
    expect(after.meta!.authors).toEqual(['Maria Lopez', 'Sam Chen']);
    expect(errors(check('title: T\ndate: 2024-03-20\nbyline: Maria Lopez'))[0].hint).toBe('Rename `byline` to `author`.');
    // A standalone page needs no byline: there it stays a warning.
    const page = check('title: About us\nauthors: [Maria Lopez]', { kind: 'page' });
    expect(errors(page)).toEqual([]);
    expect(warnings(page)[0].hint).toBe('Rename `authors` to `author`, or ignore this if it is meant for your own templates.');
  });

  it('beside `author` it is a warning, whose fix does not write `author` twice', () => {
    const r = check(`${BASE}\nauthors: [Maria Lopez]`);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)[0].hint).toBe('`author` is set already: keep what is right in its line and delete the `authors` line, or ignore this if it is meant for your own templates.');
    expect(r.meta!.authors).toEqual(['Li Wei']);
    // An empty `author:` with the names elsewhere: write them there.
    expect(errors(check('title: T\ndate: 2024-03-20\nauthor: ""\nauthors: [A, B]'))[0].hint).toBe('Write the names in the `author:` line (a list gives each name a byline: `author: [A, B]`), and delete the `authors` line.');
  });

});

describe('fixes for migrated keys that work when followed', () => {
  it('`categories`: the first is the section, the others are tags', () => {
    const one = warnings(check(`${BASE}\ncategories: ["Politics"]`))[0];
    expect(one.hint).toBe('Write `section: Politics` instead of the `categories` line, or ignore this if it is meant for your own templates.');
    const several = warnings(check(`${BASE}\ncategories: [Politics, Elections, "City Hall: budget"]`))[0];
    expect(several.message).toBe('`categories` is not a field dateline knows; did you mean `section`? An article has one section.');
    expect(several.hint).toBe('Write the first as `section: Politics` and add the others as tags, `tags: [Elections, "City Hall: budget"]`, instead of the `categories` line; or ignore this if it is meant for your own templates.');
    const after = check(`${BASE}\nsection: Politics\ntags: [Elections, "City Hall: budget"]`);
    expect(after.diagnostics).toEqual([]);
    expect(after.meta).toMatchObject({ section: 'Politics', tags: ['Elections', 'City Hall: budget'] });
    // With tags already: add to them.
    expect(warnings(check(`${BASE}\ntags: [Rail]\ncategories: [Politics, Elections]`))[0].hint).toContain('add the others to the `tags` list (Elections)');
    // With a section already: the categories that are topics go to tags.
    expect(warnings(check(`${BASE}\nsection: News\ncategories: [Politics]`))[0].hint).toBe('`section` is set already: add the categories that are topics to `tags` and delete the `categories` line, or ignore this if it is meant for your own templates.');
  });

  it('`images` (Hugo) and `featured_image`: the first is the lead image, with `src` and `alt`', () => {
    for (const line of ['images: ["/images/flood.jpg"]', 'featured_image: /images/flood.jpg', 'images:\n  - /images/flood.jpg\n  - /images/other.jpg']) {
      const w = warnings(check(`${BASE}\n${line}`));
      expect(w, line).toHaveLength(1);
      expect(w[0].hint, line).toBe(`Write the lead image instead of the \`${line.split(':')[0]}\` line: \`image:\` on a line of its own, and under it, indented by two spaces, \`src: /images/flood.jpg\` and \`alt:\` with what the photo shows, each on its own line; or ignore this if it is meant for your own templates.`);
    }
    const after = check(`${BASE}\nimage:\n  src: /images/flood.jpg\n  alt: Sandbags along the river wall`);
    expect(after.diagnostics).toEqual([]);
    expect(after.meta!.image).toMatchObject({ src: '/images/flood.jpg', alt: 'Sandbags along the river wall' });
  });

  it('Jekyll\'s `published: true` beside a `date`: delete the line (it is no date)', () => {
    const [w] = warnings(check(`${BASE}\npublished: true`));
    expect(w.message).not.toContain('did you mean');
    expect(w.hint).toBe('Delete the line.');
  });

  it('a key whose known name is there already: no rename that would write it twice', () => {
    const [w] = warnings(check(`${BASE}\nDate: 2024-03-21`));
    expect(w.hint).toBe('`date` is set already: keep what is right in its line and delete the `Date` line, or ignore this if it is meant for your own templates.');
    expect(warnings(check('title: T\nDate: 2024-03-21\nauthor: A'))[0].hint).toBe('Rename `Date` to `date`, or ignore this if it is meant for your own templates.');
  });

  it('an `expires` look-alike whose value is no date: the fix writes a date', () => {
    const [w] = warnings(check(`${BASE}\nexpiration: never`));
    expect(w.hint).toBe('To take the article down at a time, write it as `expires: 2030-01-01 09:00` instead of this line, or ignore this if it is meant for your own templates.');
    expect(check(`${BASE}\nexpires: 2030-01-01 09:00`).diagnostics).toEqual([]);
  });

  it('Jekyll\'s `redirect_from` keeps old links: an error, whose fix is `aliases`', () => {
    const [e] = errors(check(`${BASE}\nredirect_from: [/2019/flood/, /old/flood.html]`));
    expect(e).toMatchObject({ code: 'UNKNOWN_KEY', line: 5 });
    expect(e.message).toBe('`redirect_from` is not a field dateline knows; did you mean `aliases`? As written, it does nothing: links to the old addresses would break.');
    expect(e.hint).toBe('Rename `redirect_from` to `aliases`.');
    expect(check(`${BASE}\naliases: [/2019/flood/, /old/flood.html]`).diagnostics).toEqual([]);
  });

  it('a URL pattern of another tool\'s (`permalink: /:year/:title/`) is a warning, not taken for a slug', () => {
    const [w] = warnings(check(`${BASE}\npermalink: /:categories/:year/:title/`));
    expect(w.message).toBe('`permalink: /:categories/:year/:title/` is another tool\'s pattern for URLs: dateline makes every article\'s URL from `permalinks` in the config.');
    // A bare word is a slug, as before.
    expect(warnings(check(`${BASE}\npermalink: flood`))[0].hint).toBe('Rename `permalink` to `slug`, or ignore this if it is meant for your own templates.');
  });
});

describe('another tool\'s publication time', () => {
  it('with a `date`, is left to the check against the build\'s clock (plan/migrated.ts); kept in `extra`', () => {
    for (const line of ['publishDate: 2030-01-01 09:00', 'publish_date: 2024-03-20', 'pubDate: 2024-03-20', 'published_at: 2024-03-20T09:00:00Z', 'published: 2024-03-20']) {
      const r = check(`${BASE}\n${line}`);
      expect(r.diagnostics, line).toEqual([]);
      expect(Object.keys(r.meta!.extra), line).toEqual([line.split(':')[0]]);
    }
  });

  it('that is no date: a warning to delete the line', () => {
    const [w] = warnings(check(`${BASE}\npublishDate: soon`));
    expect(w).toMatchObject({ line: 5, message: '`publishDate` is not a field dateline knows: an article is published at its `date`.' });
  });

  it('without a `date`: `date` is missing, said at that line, and the fix is to rename it', () => {
    const r = check('title: Flood defences approved\npublishDate: 2024-03-20 09:30\nauthor: Li Wei');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'MISSING_FIELD', line: 3, message: '`date` is missing: `publishDate` has the time, but dateline reads only `date`.', hint: 'Rename `publishDate` to `date`.' });
    expect(check('title: Flood defences approved\ndate: 2024-03-20 09:30\nauthor: Li Wei').diagnostics).toEqual([]);
  });
});

describe('Jekyll\'s dated file names', () => {
  const JEKYLL = 'content/articles/2024/2024-03-20-rail-freight.md';

  it('the slug leaves out the date the URL has already', () => {
    expect(check(BASE, { file: JEKYLL }).meta!.slug).toBe('rail-freight');
    expect(check(BASE, { file: 'content/articles/2024-03-20-2.md' }).meta!.slug).toBe('2');
    // Not from an explicit `slug`, a name that is only a date, or a name without one.
    expect(check(`${BASE}\nslug: 2024-03-20-rail-freight`, { file: JEKYLL }).meta!.slug).toBe('2024-03-20-rail-freight');
    expect(check(BASE, { file: 'content/articles/2024-03-20.md' }).meta!.slug).toBe('2024-03-20');
    expect(check(BASE, { file: 'content/articles/2024-03-20-.md' }).meta!.slug).toBe('2024-03-20');
    expect(check(BASE, { file: 'content/articles/2024-rail-freight.md' }).meta!.slug).toBe('2024-rail-freight');
    expect(check(BASE, { file: 'content/articles/24-03-20-rail.md' }).meta!.slug).toBe('24-03-20-rail');
    expect(check(BASE, { file: 'content/articles/rail-2024-03-20-freight.md' }).meta!.slug).toBe('rail-2024-03-20-freight');
    // Only where the URL holds the date: not a standalone page's (/{slug}/), nor an article's under
    // a pattern without the date (two stories a day apart would take one URL).
    expect(check('title: Winter offer', { file: 'content/pages/2024-12-01-winter-offer.md', kind: 'page' }).meta!.slug).toBe('2024-12-01-winter-offer');
    expect(check(BASE, { file: JEKYLL, datedUrls: false }).meta!.slug).toBe('2024-03-20-rail-freight');
  });

  it('without a `date`, the fix offers the one in the file name', () => {
    const [e] = errors(check('title: Rail freight doubles\nauthor: Li Wei', { file: JEKYLL }));
    expect(e).toMatchObject({ code: 'MISSING_FIELD', message: '`date` is missing.', hint: 'Add a line such as `date: 2024-03-20` (the date in the file\'s name) to the front matter.' });
    expect(check(`${BASE.replace('date: 2024-03-20', 'date: 2024-03-20')}`, { file: JEKYLL }).diagnostics).toEqual([]);
  });
});
