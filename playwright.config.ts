import {defineConfig, devices} from '@playwright/test';
import {CHROMIUM_FLAGS, systemPaths} from './scripts/system-check';

// Playwright drives Debian's Chromium (it cannot download its own browser here) against the
// production build served by the production server (scripts/serve.ts). CHROMIUM_PATH overrides the browser's location.
// Two projects: the browser tests (tests/e2e) and the fuzz stage (tests/fuzz), which `npm test`
// runs on its own, one case at a time, so that one case's work never lengthens another's tasks.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: systemPaths.chromium,
    args: CHROMIUM_FLAGS,
  },
};

export default defineConfig({
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 3,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', {outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? '.test-output/playwright.json'}]],
  use: {baseURL, trace: 'off'},
  projects: [
    {name: 'chromium-debian', testDir: './tests/e2e', use: chromium},
    {name: 'fuzz', testDir: './tests/fuzz', use: chromium},
  ],
  webServer: {
    command: `node_modules/.bin/tsx scripts/serve.ts --port ${port} --host 127.0.0.1`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
