import {defineConfig, devices} from '@playwright/test';
import {CHROMIUM_FLAGS, systemPaths} from './scripts/system-check';

// Playwright drives Debian's Chromium (it cannot download its own browser here) against the
// production build served by the production server (scripts/serve.ts). CHROMIUM_PATH overrides the browser's location.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 3,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', {outputFile: '.test-output/playwright.json'}]],
  use: {baseURL, trace: 'off'},
  projects: [
    {
      name: 'chromium-debian',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: systemPaths.chromium,
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: {
    command: `node_modules/.bin/tsx scripts/serve.ts --port ${port} --host 127.0.0.1`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
