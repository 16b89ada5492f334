// The cookie notice: shown until the reader presses the button, then remembered in localStorage.
// Without JavaScript the notice stays hidden and the page stays fully usable.
(function () {
  var KEY = 'dateline-cookie-consent';
  var box = document.getElementById('cookie-notice');
  if (!box) return;
  var accepted = false;
  try { accepted = window.localStorage.getItem(KEY) === 'accepted'; } catch (e) {}
  if (accepted) return;
  box.hidden = false;
  document.getElementById('cookie-accept').addEventListener('click', function () {
    try { window.localStorage.setItem(KEY, 'accepted'); } catch (e) {}
    box.hidden = true;
  });
})();
