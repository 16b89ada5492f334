import { defineConfig } from 'dateline';

export default defineConfig({
  title: 'My Newsroom',
  description: 'Local news, written by people who live here.',
  baseUrl: 'https://news.example.org/',
  language: 'en',
  locale: 'en-US',
  timeZone: '{{timeZone}}',
  defaultAuthor: 'Newsroom Staff',
  pageSize: 10,
  authors: [{ name: 'Newsroom Staff', bio: 'The newsroom team.' }],
  sections: [{ name: 'News' }, { name: 'Insights' }],
  footer: {
    links: [
      { label: 'About Us', url: '/about-us/' },
      { label: 'Contact Us', url: '/contact-us/' },
      { label: 'Privacy & Cookie Policy', url: '/privacy-cookie-policy/' },
    ],
    lines: [],
    email: 'newsroom@example.org',
    messageUrl: '/contact-us/#leave-a-message',
    copyright: 'My Newsroom',
  },
  cookieNotice: {
    enabled: true,
    text: 'We use local storage to remember that you have seen this notice.',
    policyUrl: '/privacy-cookie-policy/',
    button: 'I Agree',
  },
});
