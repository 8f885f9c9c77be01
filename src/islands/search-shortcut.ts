// Pressing `/` anywhere outside a text field focuses the search box (as on lore and GitHub).

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  const box = document.querySelector<HTMLInputElement>('input[data-search-box]');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
