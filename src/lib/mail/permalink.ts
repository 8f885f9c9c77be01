// The path segment of a /r/<Message-ID>/ permalink.

/**
 * Returns the Message-ID as a permalink path, or null when it cannot be a static path: ids with
 * characters that URL decoding or the file system would change (`%`, `?`, `#`, `\`, controls,
 * spaces) or dot segments. Such messages stay reachable through their thread's anchors.
 */
export function permalinkPath(messageId: string): string | null {
  if (messageId === '' || /[%?#\\\s]/.test(messageId) || hasControl(messageId)) return null;
  if (messageId.split('/').some((part) => part === '' || part === '.' || part === '..')) return null;
  return messageId;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * The site URL of a message's permalink or of a file beside it (`raw/`, `raw.eml`, `m.mbox`), or null
 * when the Message-ID cannot be a static path (see permalinkPath).
 */
export function permalinkHref(messageId: string, file = ''): string | null {
  const path = permalinkPath(messageId);
  return path === null ? null : `/r/${encodeURI(path)}/${file}`;
}
