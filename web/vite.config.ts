import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` forwards API and live traffic to a running tandem server (TANDEM_URL, default port 8080).
const server = process.env.TANDEM_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: server, ws: true } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
