// "Full size": opens a diagram at its drawn size in a modal dialog that scrolls both ways, for columns
// (phones, side-by-side panels) where the diagram would otherwise be scaled down or cut by its box.

/** Opens the SVG of the figure holding `button` in a dialog; Close or Escape ends it. */
export function openFullSize(button: HTMLElement): void {
  const figure = button.closest('figure');
  const svg = figure?.querySelector<SVGSVGElement>('.diagram-svg svg');
  if (!figure || !svg) return;
  const dialog = document.createElement('dialog');
  dialog.className = 'diagram-dialog';
  const heading = figure.querySelector('.diagram-heading')?.textContent ?? 'Diagram';
  dialog.setAttribute('aria-label', `${heading} (full size)`);
  const bar = document.createElement('div');
  bar.className = 'diagram-dialog-bar';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  const title = document.createElement('p');
  title.textContent = heading;
  bar.append(close, title);
  const body = document.createElement('div');
  body.className = 'diagram-dialog-body';
  body.append(svg.cloneNode(true));
  dialog.append(bar, body);
  dialog.addEventListener('close', () => {
    dialog.remove();
    button.focus();
  });
  (figure.closest('.scenario.presenting') ?? document.body).append(dialog);
  dialog.showModal();
}
