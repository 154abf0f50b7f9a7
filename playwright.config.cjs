// End-to-end tests of the release build (dist/), served under a sub-path like a GitHub
// Pages project page, in the system Chromium (no browser download).
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.E2E_PORT || 8090);

module.exports = defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.cjs/,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/crosscheck/`,
    browserName: 'chromium',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node e2e/serve.cjs ${PORT} ${process.env.DIST || 'dist'} /crosscheck/`,
    url: `http://127.0.0.1:${PORT}/crosscheck/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
