// What the browser tests share: the server's address (E2E_BASE_URL, set by tests/e2e/run), a
// headless Debian Chromium driven by playwright-core, unique names and optional screenshots.
//
// Environment:
//   E2E_BASE_URL         http://127.0.0.1:PORT of a running `copilot serve` (required)
//   E2E_CHROMIUM         the browser binary (default /usr/bin/chromium)
//   E2E_SCREENSHOT_DIR   when set, shot() saves PNGs there

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL;
assert.ok(BASE, 'E2E_BASE_URL must point at a running copilot server (tests/e2e/run sets it)');

export const PASSWORD = 'correct horse battery';

/* A name unique to this run, valid as a username. */
export function uniqueName(prefix) {
    return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export function launch() {
    return chromium.launch({
        executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new'],
    });
}

/*
 * A fresh page (own context, so its own sessionStorage) at 1280x800. Uncaught page errors and
 * console errors are collected in page.problems; tests assert it stays empty.
 */
export async function newPage(browser) {
    const context = await browser.newContext({
        viewport: { width: 1280, height: 800 }, acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.problems = [];
    page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
        // Failed API calls (409, 422...) are logged by Chromium as resource errors; they are
        // expected here and asserted on through the page instead.
        if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text()))
            page.problems.push(`console: ${msg.text()}`);
    });
    return page;
}

/* Saves a full-page screenshot as NAME.png when E2E_SCREENSHOT_DIR is set. */
export async function shot(page, name) {
    const dir = process.env.E2E_SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/* Registers a new user through the form; resolves once the jobs view shows. */
export async function registerThroughUi(page, username) {
    await page.goto(`${BASE}/#/register`);
    await page.locator('#register-username').fill(username);
    await page.locator('#register-email').fill(`${username}@example.com`);
    await page.locator('#register-password').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/#\/jobs$/);
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
}

/* Adds a job through the form (fields: {company, title, location, ...} by form field name);
 * resolves on the new job's page and returns its id. */
export async function addJobThroughUi(page, fields) {
    // Going to the hash the page already shows fires no hashchange: reload for an empty form.
    if (page.url().endsWith('#/jobs/new')) await page.reload();
    else await page.goto(`${BASE}/#/jobs/new`);
    await page.locator('#job-company').waitFor();
    for (const [name, value] of Object.entries(fields))
        await page.locator(`#job-${name.replace(/_/g, '-')}`).fill(value);
    await page.getByTestId('job-submit').click();
    await page.waitForURL(/#\/jobs\/\d+$/);
    return Number(page.url().match(/#\/jobs\/(\d+)$/)[1]);
}
