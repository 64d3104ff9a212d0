// Console build (npm run build / scripts/build-web.mjs). Multi-page: web/index.html is the staff
// console served at /, web/m/index.html (when it exists) the member portal served at /m/.
// Vite 8 transforms TSX with oxc; the automatic JSX runtime means no `import React`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const pages: Record<string, string> = { console: `${root}index.html` };
if (existsSync(`${root}m/index.html`)) pages.portal = `${root}m/index.html`;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    target: 'es2022',
    // Ant Design is large; it gets its own long-cached chunk and pages load lazily.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: pages,
      // antd marks its modules "use client" (for React Server Components); meaningless in an SPA.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
