// The pasted text kept in the URL fragment, deflated and base64url-encoded (`#z=…`), so a link
// reproduces the result. The fragment never reaches a server.

const KEY = 'z=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** `#z=<deflate-raw, base64url>` for a text. */
export async function packFragment(text: string): Promise<string> {
  const deflated = await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `#${KEY}${toBase64Url(deflated)}`;
}

/** The text a fragment holds, or null when it holds none (or is damaged). */
export async function unpackFragment(hash: string): Promise<string | null> {
  const body = hash.replace(/^#/, '');
  if (!body.startsWith(KEY)) return null;
  try {
    const inflated = await through(
      fromBase64Url(body.slice(KEY.length)),
      new DecompressionStream('deflate-raw'),
    );
    return new TextDecoder().decode(inflated);
  } catch {
    return null;
  }
}
