import { newsLanguage } from './language.js';
import type { Strings } from './strings.js';

/**
 * The theme's words in Simplified Chinese, for a site whose `language` is Chinese in that script
 * (`zh`, `zh-CN`, `zh-Hans`, `zh-SG`): a Chinese edition gets no English on its pages unless it
 * asks for it. A site's own `strings` still win, key by key. Chinese has one plural form.
 */
const ZH_HANS: Strings = {
  skipToContent: '跳到正文',
  home: '首页',
  sectionsNav: '栏目',
  leadStory: '头条',
  topStories: '要闻',
  latest: '最新',
  latestNews: '最新报道',
  noStories: '还没有发布报道。',
  moreOf: '更多{section}',
  byline: '作者：{authors}',
  and: '、',
  listComma: '、',
  updated: '更新于',
  editorsNote: '编者按',
  corrections: '更正',
  live: '直播',
  liveUpdates: '实时更新',
  linkToUpdate: '本条链接',
  liveEnded: '直播已结束',
  minutesToRead: '阅读约{n}分钟',
  photoCredit: '（图/{credit}）',
  tags: '标签',
  relatedStories: '相关报道',
  moreIn: '更多{section}报道',
  previousIn: '{section}上一篇',
  nextIn: '{section}下一篇',
  tag: '标签',
  author: '作者',
  section: '栏目',
  articles: '{n}篇报道',
  tagCount: '{n}个标签',
  authorCount: '{n}位作者',
  pageOf: '第{page}页，共{pages}页',
  pageOfLower: '第{page}页，共{pages}页',
  titleWithPage: '{title}（第{page}页）',
  pagination: '分页',
  pageNumber: '第{n}页',
  newer: '上一页',
  older: '下一页',
  archive: '归档',
  archiveOf: '归档：{period}',
  authors: '作者',
  noAuthors: '还没有作者。',
  noTags: '还没有标签。',
  lastUpdated: '最后更新',
  search: '搜索',
  searchSite: '搜索{site}',
  searchNeedsScript: '本页的搜索需要 JavaScript。没有它，可以用{engine}搜索本站：',
  searchNoScript: '本页的搜索需要 JavaScript。',
  notFoundKicker: '错误 404',
  notFound: '页面不存在',
  notFoundText: '您要找的页面不在这里。它可能已经移走，或者网址有误。',
  goToFrontPage: '返回首页',
  withdrawnTitle: '文章已撤下',
  withdrawnNotice: '本文已被撤下。',
  withdrawnPageTitle: '页面已撤下',
  withdrawnPageNotice: '本页面已被撤下。',
  withdrawnOn: '撤下于',
  browseSection: '或者浏览栏目：',
  cookieNotice: 'Cookie 提示',
  footnotes: '注释',
  backToReference: '返回正文第{n}处',
  aboutSite: '关于本站',
  explore: '浏览',
  email: '电子邮箱：',
  colon: '：',
};

/** The config's own English defaults that show on every page (cookie notice, footer), in Chinese. */
const ZH_HANS_CONFIG = {
  cookieNotice: { text: '本站使用 Cookie 和本地存储来记住您的偏好设置。', policyLabel: '隐私政策', button: '我同意' },
  messageLabel: '留言',
};

/**
 * The built-in words for a site's language, when dateline has them (Simplified Chinese), else
 * undefined: the site's `strings` and config keys are laid over them.
 */
export function builtInWords(language: string): { strings: Strings; cookieNotice: typeof ZH_HANS_CONFIG.cookieNotice; messageLabel: string } | undefined {
  if (newsLanguage(language) !== 'zh-cn') return undefined;
  return { strings: ZH_HANS, ...ZH_HANS_CONFIG };
}
