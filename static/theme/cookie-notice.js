// The cookie notice: shown until the reader presses the button, then remembered in localStorage.
// Without JavaScript the notice stays hidden and the page stays fully usable.
(function () {
  var KEY = 'dateline-cookie-consent';
  // The theme's own section, and the button inside it (not anything else of the page by an id).
  var box = document.querySelector('section.cookie-notice#cookie-notice');
  if (!box) return;
  var accepted = false;
  try { accepted = window.localStorage.getItem(KEY) === 'accepted'; } catch (e) {}
  if (accepted) return;
  var root = document.documentElement;
  box.hidden = false;
  // What takes the keyboard's focus scrolls clear of the notice (scroll-padding in the CSS), and
  // the footer leaves room under its last line for it (cookie-notice-room, kept after "I Agree" so
  // that the page does not jump then). A notice that would cover more than a third of the window
  // (a short one, or a page zoomed to 200-400 %) takes its place after the footer instead.
  var fit = function () {
    root.classList.remove('cookie-notice-inline');
    if (box.offsetHeight * 3 > window.innerHeight) root.classList.add('cookie-notice-inline');
    root.style.setProperty('--cookie-notice-height', box.offsetHeight + 16 + 'px');
  };
  root.classList.add('has-cookie-notice', 'cookie-notice-room');
  fit();
  window.addEventListener('resize', fit);
  box.querySelector('button').addEventListener('click', function () {
    try { window.localStorage.setItem(KEY, 'accepted'); } catch (e) {}
    box.hidden = true;
    if (root.classList.contains('cookie-notice-inline')) root.classList.remove('cookie-notice-room');
    root.classList.remove('has-cookie-notice', 'cookie-notice-inline');
    window.removeEventListener('resize', fit);
  });
})();
