// The thread page's flat/nested switch (components/thread/ThreadView.astro) works without scripts; with
// them, `?view=nested` (where the old /nested/ addresses redirect) sets it, and the reader's last choice
// is remembered for the next thread.

const KEY = 'lockstep-thread-view';

/** Sets the switch from the address or the remembered choice, and remembers changes. */
export function rememberViewChoice(): void {
  const nested = document.getElementById('view-nested') as HTMLInputElement | null;
  const flat = document.getElementById('view-flat') as HTMLInputElement | null;
  if (!nested || !flat) return;
  const asked = new URLSearchParams(location.search).get('view');
  const stored = readStored();
  if (asked === 'nested' || (asked === null && stored === 'nested')) nested.checked = true;
  for (const input of [flat, nested])
    input.addEventListener('change', () => writeStored(nested.checked ? 'nested' : 'flat'));
}

// Storage can be off (privacy settings, sandboxed embeds): the switch then simply starts flat.
function readStored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function writeStored(value: string): void {
  try {
    localStorage.setItem(KEY, value);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
