import { defineConfig } from 'dateline';

export default defineConfig({
  title: 'Mountain City Herald',
  description: 'Independent English-language news from Chongqing and the upper Yangtze: transport, industry, culture, weather and everyday life in the mountain city.',
  baseUrl: 'https://www.mountaincityherald.example/',
  language: 'en',
  locale: 'en-US',
  timeZone: 'Asia/Shanghai',
  logo: '/images/logo.svg',
  defaultAuthor: 'Tan Yuxin',
  pageSize: 10,
  authors: [
    { name: 'Tan Yuxin', bio: 'Tan Yuxin is the Herald\'s transport correspondent. She has covered Chongqing\'s metro, bridges and river traffic since 2017 and still rides the cableway to work when the queue allows.' },
    { name: 'Liu Mingyang', bio: 'Liu Mingyang reports on trade, logistics and the rail and river routes that connect Chongqing with Europe and Southeast Asia.' },
    { name: 'Chen Siyu', bio: 'Chen Siyu writes about culture, food and festivals in Chongqing, from Sichuan opera rehearsal rooms to late-night hotpot kitchens.' },
    { name: 'He Jiawei', bio: 'He Jiawei covers weather, climate and public safety, and keeps a rain gauge on his balcony in Jiangbei.' },
    { name: 'Zhou Lanting', bio: 'Zhou Lanting is the Herald\'s industry editor, following the carmakers, battery plants and suppliers of the Chengdu–Chongqing economic region.' },
    { name: 'Marcus Feld', bio: 'Marcus Feld is a transport economist who has lived in Chongqing for a decade. He writes the Insights column on infrastructure, energy and urban policy.' },
    { name: 'Wei Shuang', bio: 'Wei Shuang is a photographer and city-life reporter who documents the crowds, stairways and riverfronts of the mountain city.' },
  ],
  sections: [
    { name: 'Business', description: 'Carmakers, batteries, logistics, trade routes and the companies that keep Chongqing\'s economy moving.' },
    { name: 'Transport', description: 'Metro lines, monorails, the cableway, bridges, rail and river traffic across the mountain city.' },
    { name: 'Culture', description: 'Hotpot, Sichuan opera, festivals, heritage and everyday life in Chongqing.' },
    { name: 'Weather', description: 'Heat waves, fog, floods and forecasts for Chongqing and the Three Gorges region.' },
    { name: 'Insights', description: 'Opinion and analysis from our columnists on the forces shaping the city and the region.' },
  ],
  footer: {
    links: [
      { label: 'About Us', url: '/about-us/' },
      { label: 'Contact Us', url: '/contact-us/' },
      { label: 'Privacy & Cookie Policy', url: '/privacy-cookie-policy/' },
    ],
    lines: ['渝ICP备20248816号-1', '互联网新闻信息服务许可证编号：50120240017'],
    hotline: 'Reporting hotline: +86 23 6188 0427',
    email: 'newsroom@mountaincityherald.example',
    messageUrl: '/contact-us/#leave-a-message',
    copyright: 'Mountain City Herald',
  },
  // Share cards for pages without a lead photo, and the news sitemap's registered name.
  social: { image: '/images/og-default.jpg' },
  // The demo's photos are 800 pixels wide, to keep the repository small; a newsroom's should be 1200
  // or more (Google Discover's large-image size), which the build asks for by default.
  photos: { minLeadWidth: 800 },
  newsSitemap: { publicationName: 'Mountain City Herald' },
  cookieNotice: {
    enabled: true,
    text: 'We use cookies and your browser\'s local storage to remember your preferences and to understand how our site is read.',
    policyUrl: '/privacy-cookie-policy/',
    button: 'I Agree',
  },
});
