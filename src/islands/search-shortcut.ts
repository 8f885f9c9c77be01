// Pressing `/` anywhere outside a text field focuses the search box (as on lore and GitHub). The
// box's drop-down results (search-box.ts) are loaded on its first focus, so pages that are only
// read carry none of that code.

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const box = document.querySelector<HTMLInputElement>('input[data-search-box]');

document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

// The /search/ page has its own box and results.
if (box?.form && !document.querySelector('ls-search')) {
  const form = box.form;
  box.addEventListener(
    'focus',
    () => void import('./search-box.ts').then((live) => live.attachLiveSearch(form, box)),
    { once: true },
  );
}
