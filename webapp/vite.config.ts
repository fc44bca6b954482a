/// <reference types="node" />
import { defineConfig } from 'vitest/config';

// The dev server and `vite preview` forward API calls to a running Slipway server, so the console can be
// developed against real data. SLIPWAY_API_URL points them at a server on another address.
const apiTarget = process.env.SLIPWAY_API_URL ?? 'http://127.0.0.1:8080';
const apiProxy = { '/api': { target: apiTarget } };

export default defineConfig({
  // The server serves the console at "/" with an SPA fallback, so a deep link such as /plugins/x must load
  // assets from absolute paths.
  base: '/',
  build: {
    // Maven packages target/classes into the slipway-webapp jar; the server serves classpath:webapp/.
    outDir: 'target/classes/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
