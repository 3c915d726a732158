import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: bench/web.mjs follows the entry's static imports to size the initial JS.
    manifest: true,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vendor code shared by every page in its own cacheable chunks.
        advancedChunks: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }],
        },
      },
    },
  },
  // API_TARGET: the API server the dev server forwards to (default: `npm start` on 8080).
  server: { port: 5173, proxy: { '/api': process.env.API_TARGET ?? 'http://127.0.0.1:8080' } },
});
