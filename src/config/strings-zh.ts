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

/**
 * The same in Traditional Chinese, for `zh-TW`, `zh-HK`, `zh-MO` and `zh-Hant`: the characters and
 * the words of Taiwan's press (報導, 搜尋, 連結, 即時), which Hong Kong's readers read as their own.
 */
const ZH_HANT: Strings = {
  skipToContent: '跳到正文',
  home: '首頁',
  sectionsNav: '欄目',
  leadStory: '頭條',
  topStories: '要聞',
  latest: '最新',
  latestNews: '最新報導',
  noStories: '還沒有發布報導。',
  moreOf: '更多{section}',
  byline: '作者：{authors}',
  and: '、',
  listComma: '、',
  updated: '更新於',
  editorsNote: '編者按',
  corrections: '更正',
  live: '直播',
  liveUpdates: '即時更新',
  linkToUpdate: '本則連結',
  liveEnded: '直播已結束',
  minutesToRead: '閱讀約{n}分鐘',
  photoCredit: '（圖/{credit}）',
  tags: '標籤',
  relatedStories: '相關報導',
  moreIn: '更多{section}報導',
  previousIn: '{section}上一篇',
  nextIn: '{section}下一篇',
  tag: '標籤',
  author: '作者',
  section: '欄目',
  articles: '{n}篇報導',
  tagCount: '{n}個標籤',
  authorCount: '{n}位作者',
  pageOf: '第{page}頁，共{pages}頁',
  pageOfLower: '第{page}頁，共{pages}頁',
  titleWithPage: '{title}（第{page}頁）',
  pagination: '分頁',
  pageNumber: '第{n}頁',
  newer: '上一頁',
  older: '下一頁',
  archive: '歸檔',
  archiveOf: '歸檔：{period}',
  authors: '作者',
  noAuthors: '還沒有作者。',
  noTags: '還沒有標籤。',
  lastUpdated: '最後更新',
  search: '搜尋',
  searchSite: '搜尋{site}',
  searchNeedsScript: '本頁的搜尋需要 JavaScript。沒有它，可以用{engine}搜尋本站：',
  searchNoScript: '本頁的搜尋需要 JavaScript。',
  notFoundKicker: '錯誤 404',
  notFound: '找不到網頁',
  notFoundText: '您要找的網頁不在這裡。它可能已經移走，或者網址有誤。',
  goToFrontPage: '返回首頁',
  withdrawnTitle: '文章已撤下',
  withdrawnNotice: '本文已被撤下。',
  withdrawnPageTitle: '網頁已撤下',
  withdrawnPageNotice: '本網頁已被撤下。',
  withdrawnOn: '撤下於',
  browseSection: '或者瀏覽欄目：',
  cookieNotice: 'Cookie 提示',
  footnotes: '註釋',
  backToReference: '返回正文第{n}處',
  aboutSite: '關於本站',
  explore: '瀏覽',
  email: '電子郵件：',
  colon: '：',
};

/** The config's own English defaults that show on every page (cookie notice, footer), in Chinese. */
const ZH_HANS_CONFIG = {
  cookieNotice: { text: '本站使用 Cookie 和本地存储来记住您的偏好设置。', policyLabel: '隐私政策', button: '我同意' },
  messageLabel: '留言',
};

const ZH_HANT_CONFIG: typeof ZH_HANS_CONFIG = {
  cookieNotice: { text: '本站使用 Cookie 和本機儲存空間來記住您的偏好設定。', policyLabel: '隱私權政策', button: '我同意' },
  messageLabel: '留言',
};

/**
 * The built-in words for a site's language, when dateline has them (Chinese in either script),
 * else undefined: the site's `strings` and config keys are laid over them.
 */
export function builtInWords(language: string): { strings: Strings; cookieNotice: typeof ZH_HANS_CONFIG.cookieNotice; messageLabel: string } | undefined {
  const news = newsLanguage(language);
  if (news === 'zh-cn') return { strings: ZH_HANS, ...ZH_HANS_CONFIG };
  if (news === 'zh-tw') return { strings: ZH_HANT, ...ZH_HANT_CONFIG };
  return undefined;
}
