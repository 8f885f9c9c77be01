// Copy and PNG buttons for a diagram. They fetch the same files the download links point at
// (/diagrams/<id>.mmd|.txt|.svg), so what is copied is exactly what is exported.

/** Copies the diagram's Mermaid or text export to the clipboard and says so. */
export async function copyDiagram(button: HTMLButtonElement): Promise<void> {
  const status = statusFor(button);
  const format = button.dataset.format === 'txt' ? 'txt' : 'mmd';
  try {
    const text = await fetchText(`/diagrams/${button.dataset.diagram}.${format}`);
    await navigator.clipboard.writeText(text);
    status(`Copied ${format === 'txt' ? 'the text' : 'the Mermaid source'} (${text.length} characters).`);
  } catch (error) {
    status(`Copy failed (${(error as Error).message}); use the download link instead.`);
  }
}

/** Draws the diagram's SVG export on a canvas at twice its size and downloads it as PNG. */
export async function downloadPng(button: HTMLButtonElement): Promise<void> {
  const status = statusFor(button);
  const id = button.dataset.diagram ?? 'diagram';
  try {
    // The exported file itself (same origin: allowed by img-src 'self', and it leaves the canvas untainted).
    const image = new Image();
    image.src = `/diagrams/${id}.svg`;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob>((done, fail) =>
      canvas.toBlob((b) => (b ? done(b) : fail(new Error('encoding failed'))), 'image/png'),
    );
    const link = document.createElement('a');
    link.href = URL.createObjectURL(png);
    link.download = `${id}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status(`PNG saved (${canvas.width}×${canvas.height}).`);
  } catch (error) {
    status(`PNG failed: ${(error as Error).message}`);
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.text();
}

function statusFor(button: HTMLElement): (text: string) => void {
  const out = button.closest('.diagram-export')?.querySelector<HTMLOutputElement>('.export-status');
  return (text) => {
    if (out) out.textContent = text;
  };
}
