// End-to-end tests of the built site (dist/, from `trunk build --release`) in Debian's Chromium.
// Never `npx playwright install`: it downloads a browser, which this machine cannot.
import { defineConfig } from '@playwright/test';

const port = 4317;

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
  webServer: {
    command: `node_modules/.bin/sirv dist --host 127.0.0.1 --port ${port} --single --quiet`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
