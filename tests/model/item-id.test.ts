import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/validate.js';
import { itemId } from '../../src/model/item-id.js';

const site = (baseUrl: string, idDate = '2015') => resolveConfig({ title: 'T', baseUrl, feeds: { idDate } });

describe('feed ids from front matter `id`', () => {
  it('a path is a URL on the site, made as article URLs are: base path, percent-encoding, a trailing "/"', () => {
    expect(itemId('/2024/03/20/old-slug', site('https://news.example.org/'))).toBe('https://news.example.org/2024/03/20/old-slug/');
    expect(itemId('/2024/03/20/重庆/', site('https://example.org/新闻/'))).toBe('https://example.org/%E6%96%B0%E9%97%BB/2024/03/20/%E9%87%8D%E5%BA%86/');
    // Written as the browser shows it, percent-encoded: the same id.
    expect(itemId('/2024/03/20/%E9%87%8D%E5%BA%86/', site('https://example.org/新闻/'))).toBe('https://example.org/%E6%96%B0%E9%97%BB/2024/03/20/%E9%87%8D%E5%BA%86/');
  });

  it('a value with a scheme is used as written, whatever the config says', () => {
    for (const v of ['https://old.example.com/?p=123', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'tag:example.org,2004:x']) expect(itemId(v, site('https://news.example.org/', ''))).toBe(v);
  });

  it('a name is a tag: URI of the host, feeds.idDate and the base path, encoded to RFC 4151\'s `specific`; none without idDate', () => {
    expect(itemId('rail-0412', site('https://news.example.org/'))).toBe('tag:news.example.org,2015:rail-0412');
    expect(itemId('rail-0412', site('https://Example.org:8443/news/', '2015-06-01'))).toBe('tag:example.org,2015-06-01:news/rail-0412');
    // A domain name in Unicode is written in its ASCII (punycode) form, as DNS names in a tag must be.
    expect(itemId('a', site('https://新闻.example/'))).toBe('tag:xn--efvy88h.example,2015:a');
    // Kept: unreserved, sub-delims, ":", "@", "/", "?" and percent-encodings; the rest encoded as UTF-8.
    expect(itemId("a!$&'()*+,;=:@/?~%41%zz#重", site('https://news.example.org/'))).toBe("tag:news.example.org,2015:a!$&'()*+,;=:@/?~%41%25zz%23%E9%87%8D");
    expect(itemId('rail-0412', site('https://news.example.org/', ''))).toBeUndefined();
  });
});
