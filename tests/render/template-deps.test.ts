import { describe, expect, it } from 'vitest';
import { templatesForChanges } from '../../src/render/template-deps.js';
import type { RenderJob } from '../../src/plan/types.js';

const job = (template: string | undefined): RenderJob => ({ template, renderer: template ? 'nunjucks' : 'feed-rss', outputPath: `${template ?? 'feed'}.html`, origin: 'x', context: {} }) as RenderJob;
const jobs = [job('tag.njk'), job('article.njk'), job(undefined)];
const base = { path: '1:base.njk', text: '<html>{% block main %}{% endblock %}</html>' };
const tag = { path: '1:tag.njk', text: '{% extends "base.njk" %}{% block main %}tag{% endblock %}' };
const article = { path: '1:article.njk', text: '{% extends "base.njk" %}{% include "partials/footer.njk" %}' };

describe('which pages a template edit re-renders', () => {
  it('a page template no other template names: its own pages', () => {
    const affected = templatesForChanges(['tag.njk'], jobs, [base, tag, article]);
    expect(jobs.map(affected)).toEqual([true, false, false]);
  });

  it('a layout or partial: every page, those without a template too', () => {
    expect(jobs.map(templatesForChanges(['partials/footer.njk'], jobs, [base, tag, article]))).toEqual([true, true, true]);
    expect(jobs.map(templatesForChanges(['base.njk'], jobs, [base, tag, article]))).toEqual([true, true, true]);
  });

  it('every page while some template loads another by an expression, which could be any', () => {
    const dynamic = { path: '0:article.njk', text: '{% extends page.layout %}' };
    expect(jobs.map(templatesForChanges(['tag.njk'], jobs, [base, tag, dynamic]))).toEqual([true, true, true]);
    const include = { path: '0:article.njk', text: '{%- include article.partial %}' };
    expect(jobs.map(templatesForChanges(['tag.njk'], jobs, [base, tag, include]))).toEqual([true, true, true]);
    // A name relative to the loading template ("./tag.njk") is not the name the edit has.
    const relative = { path: '0:article.njk', text: '{% extends "base.njk" %}{% include "./tag.njk" %}' };
    expect(jobs.map(templatesForChanges(['tag.njk'], jobs, [base, tag, relative]))).toEqual([true, true, true]);
    const parent = { path: '0:partials/x.njk', text: "{% import '../tag.njk' as t %}" };
    expect(jobs.map(templatesForChanges(['tag.njk'], jobs, [base, tag, article, parent]))).toEqual([true, true, true]);
  });

  it('nothing changed: nothing', () => {
    expect(jobs.map(templatesForChanges([], jobs, [base, tag, article]))).toEqual([false, false, false]);
  });
});
