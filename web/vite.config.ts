import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The config lives in web/ but is run from the repo root (npm run build:web), so paths are
// anchored to this file rather than to the working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one large vendor chunk by design; pages are split off with React.lazy.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      // ws: the realtime socket (/api/realtime) goes through the same proxy
      '/api': { target: apiServer, ws: true },
      '/catalogue': apiServer,
    },
  },
});
