import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The bench's own smoke test: `npx vitest run -c bench/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    allowOnly: false,
  },
});
