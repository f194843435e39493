// End-to-end tests of the built site (dist/, from `trunk build --release`) in Debian's Chromium.
// Never `npx playwright install`: it downloads a browser, which this machine cannot.
import { defineConfig } from '@playwright/test';

// GGACCESS_E2E_PORT moves both servers (the second is one above), for two runs on one machine.
const port = Number(process.env.GGACCESS_E2E_PORT ?? 4317);
const subPathPort = port + 1;

export default defineConfig({
  testDir: 'tests/e2e',
  // Chromium can take many seconds to start on a loaded 2-core machine.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /subpath\.spec\.ts/ },
    {
      // The same site from a sub-path of a plain file server (relative asset URLs).
      name: 'sub-path',
      testMatch: /subpath\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${subPathPort}/some/sub/path/` },
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/sirv dist --host 127.0.0.1 --port ${port} --single --quiet`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node tests/e2e/subpath-server.mjs ${subPathPort}`,
      url: `http://127.0.0.1:${subPathPort}/some/sub/path/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
