/** How long the browser gets to start reading a downloaded blob before its URL is let go. */
const releaseAfterMs = 60_000;

/**
 * Hands a file that arrived by fetch to the browser's own download (a POST with a code cannot be
 * a plain link): an object URL, clicked through a temporary <a download>.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // revoking at once can cancel the download in some browsers
  setTimeout(() => URL.revokeObjectURL(url), releaseAfterMs);
}
