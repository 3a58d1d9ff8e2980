import { requestFile } from './client';
import type { FreshCodeProof } from './fresh-code';

/** Everything the server holds about me, as a ZIP: one JSON file per data category, my files, and a readable index.html. */
export function downloadMyData(proof: FreshCodeProof) {
  return requestFile('POST', '/api/me/export', {
    json: proof,
    accept: 'application/zip, application/json',
    fallbackName: `lockstep-my-data-${new Date().toISOString().slice(0, 10)}.zip`,
  });
}
