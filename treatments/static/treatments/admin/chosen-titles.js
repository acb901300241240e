// Keeps the heading of each ChosenTitleInlinePanel row (treatments/panels.py) in step with
// its chooser: the chosen item's title, or "Condition 3" while nothing is chosen.
// Wagtail's choosers fire "change" on their hidden input when an item is chosen or cleared.
(() => {
  'use strict';

  function chosenTitle(input) {
    if (!input.value) return '';
    const chooser = document.getElementById(`${input.id}-chooser`);
    if (!chooser) return '';
    // The widget's state holds the new title before its own label is redrawn.
    const widget = chooser.widget;
    const label = widget && widget.getTextLabel ? widget.getTextLabel() : null;
    const shown = chooser.querySelector('[data-chooser-title]');
    return (label || (shown ? shown.textContent : '') || '').trim();
  }

  function rowNumber(heading) {
    const row = heading.closest('[data-inline-panel-child]');
    if (!row || !row.parentElement) return '';
    const rows = Array.from(row.parentElement.children).filter(
      (child) => child.matches('[data-inline-panel-child]') && !child.classList.contains('deleted'),
    );
    return ` ${rows.indexOf(row) + 1}`;
  }

  function update(heading, input) {
    const title = chosenTitle(input);
    if (title) {
      heading.textContent = title;
      return;
    }
    // Nothing chosen: Wagtail's numbered label, which its inline panel renumbers.
    const count = document.createElement('span');
    count.setAttribute('data-inline-panel-child-count', '');
    count.textContent = rowNumber(heading);
    heading.replaceChildren(heading.dataset.chosenTitleFallback || '', count);
  }

  document.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.id) return;
    document
      .querySelectorAll(`[data-chosen-title-for="${CSS.escape(input.id)}"]`)
      .forEach((heading) => update(heading, input));
  });
})();
