// The aftercare sheet's "Print this sheet" button (treatments/aftercare_sheet.html). A file,
// never inline code: the site's Content-Security-Policy runs scripts from the site only.
// The button is sent hidden, so without JavaScript visitors see the hint to use their
// browser's Print command instead of a button that does nothing.
(() => {
  'use strict';

  document.querySelectorAll('[data-print-sheet]').forEach((button) => {
    button.addEventListener('click', () => window.print());
    button.hidden = false;
    const hint = button.parentElement.querySelector('[data-print-hint]');
    if (hint) hint.hidden = true;
  });
})();
