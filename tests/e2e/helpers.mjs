// What the browser tests share: the server's address (E2E_BASE_URL, set by tests/e2e/run), a
// headless Debian Chromium driven by playwright-core, the page as the server sends it, under
// its strict Content-Security-Policy (HTTP_PAGE_CSP in src/http/server.h, the one copy: inline
// script, style attributes or eval show up as console errors), console and page errors
// collected, axe-core checks, API
// shortcuts to set up data, unique names and optional screenshots.
//
// Environment:
//   E2E_BASE_URL         http://127.0.0.1:PORT of a running `copilot serve` (required)
//   E2E_CHROMIUM         the browser binary (default /usr/bin/chromium)
//   E2E_BROWSER_WS       the run's one Chromium to connect to (tests/e2e/run sets it; unset, each
//                        file launches its own)
//   E2E_ADMIN_USER       an administrator created by tests/e2e/run (with E2E_ADMIN_PASSWORD)
//   E2E_SCREENSHOT_DIR   when set, shot() saves PNGs there

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL;
assert.ok(BASE, 'E2E_BASE_URL must point at a running copilot server (tests/e2e/run sets it)');

export const PASSWORD = 'correct horse battery';
export const ADMIN = { username: process.env.E2E_ADMIN_USER, password: process.env.E2E_ADMIN_PASSWORD };
export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures');

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/* A name unique to this run, valid as a username. */
export function uniqueName(prefix) {
    return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/* Milliseconds from now to the next midnight in time zone zone (an IANA name). */
function untilMidnight(zone, now = Date.now()) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
        timeZone: zone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(now).map((p) => [p.type, Number(p.value)]));
    return 86400000 - ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 - (now % 1000);
}

/*
 * Waits out the last minutes before midnight, the server's (UTC) and the reader's (zones: the
 * browser's own, the machine's, unless a test gives its context another), so that a test file's
 * setup and its checks fall on one day: data made with today's date in the setup and a check
 * that reads "today", "overdue" or this month from the server or the page later in the file
 * (CI runs at any hour; a file takes well under a minute). Call it first in a file's setup,
 * before any day is computed.
 */
export async function awayFromMidnight(minutes = 5, zones = []) {
    const all = ['UTC', Intl.DateTimeFormat().resolvedOptions().timeZone, ...zones];
    for (;;) {
        const left = Math.min(...all.map((z) => untilMidnight(z)));
        if (left >= minutes * 60000) return;
        await new Promise((resolve) => setTimeout(resolve, left + 1000));
    }
}

/* How Chromium is started: by launch() below, or once per run by browser-server.mjs. */
export const LAUNCH_OPTIONS = {
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new'],
};

/*
 * The browser of a test file: under tests/e2e/run, a connection to the run's one Chromium
 * (E2E_BROWSER_WS, browser-server.mjs), whose close() closes only the contexts this file created
 * and disconnects; run alone (node --test FILE), a Chromium of its own, which close() stops.
 * Either way a lost browser fails the file's next step rather than hanging it.
 */
export function launch() {
    const ws = process.env.E2E_BROWSER_WS;
    // a bound for a connection that never comes, not a speed check
    if (ws) return chromium.connect(ws, { timeout: 60000 });
    return chromium.launch(LAUNCH_OPTIONS);
}

/*
 * A fresh page (own context, so its own sessionStorage) at 1280x800 (or opts.viewport). The
 * HTML comes with the server's CSP (checked in 0_shell.test.mjs). Uncaught page errors and console errors (CSP violations
 * included) are collected in page.problems; tests assert it stays empty. Chromium's own
 * "Failed to load resource ... 4xx" lines are left out: tests provoke refusals on purpose and
 * check them on the page.
 */
export async function newPage(browser, opts = {}) {
    const context = await browser.newContext({
        viewport: opts.viewport || { width: 1280, height: 800 }, acceptDownloads: true,
        hasTouch: Boolean(opts.touch), isMobile: Boolean(opts.touch),
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
    return watchProblems(await context.newPage());
}

/* Collects page's uncaught errors and console errors in page.problems (as newPage does for its
 * page; call it on a window the page opened). */
export function watchProblems(page) {
    // a bound for a wait that never ends, not a speed check: tests/e2e/run runs several files at
    // once beside the other engine's run, and on a loaded machine a step may take seconds
    page.setDefaultTimeout(30000);
    page.problems = [];
    page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
        page.problems.push(`console: ${msg.text()}`);
    });
    return page;
}

/* Fails when the page logged an error or threw. */
export function assertNoProblems(page) {
    assert.deepEqual(page.problems, [], 'console errors or page errors');
}

/*
 * Runs axe-core on the page as it is now (WCAG 2.1 A and AA rules) and fails on any serious or
 * critical violation, naming the rule and the elements.
 */
export async function checkA11y(page, where) {
    const has = await page.evaluate(() => typeof window.axe === 'object');
    if (!has) await page.evaluate(AXE_SOURCE); // through the DevTools protocol: not subject to CSP
    const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
        });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(violations, [], `accessibility violations on ${where}`);
}

/* The bytes of a finished download, read through playwright's stream: download.path() throws on
 * a browser connected to (the run's one Chromium, launch() under tests/e2e/run). */
export async function downloaded(download) {
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    return Buffer.concat(chunks);
}

/* Saves a full-page screenshot as NAME.png when E2E_SCREENSHOT_DIR is set. */
export async function shot(page, name) {
    const dir = process.env.E2E_SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/* ------------------------------------------------------------- the API, for setting up data */

/* One API call with a token; resolves to the parsed body; throws on a status outside 2xx
 * unless opts.expect names the status. */
export async function call(token, method, route, body, opts = {}) {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${BASE}/api/v1${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const data = text && /json/.test(res.headers.get('content-type') || '') ? JSON.parse(text) : text;
    if (opts.expect ? res.status !== opts.expect : !res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return data;
}

/* Registers a user through the API; resolves to { username, token, user }. */
export async function registerApi(prefix) {
    const username = uniqueName(prefix);
    const session = await call(null, 'POST', '/auth/register', { username, email: `${username}@example.com`, password: PASSWORD });
    return { username, token: session.access_token, user: session.user };
}

export async function loginApi(username, password = PASSWORD) {
    const session = await call(null, 'POST', '/auth/login', { username, password });
    return session.access_token;
}

/* Puts token into the tab's sessionStorage (as logging in does) and opens hash in a freshly
 * loaded page (so nothing of an earlier user stays in memory). */
export async function signIn(page, token, hash = '#/dashboard') {
    await page.goto(`${BASE}/`);
    await page.evaluate((t) => sessionStorage.setItem('copilot.token', t), token);
    await page.goto(`${BASE}/${hash}`);
    await page.reload();
    await page.locator('#view h1').first().waitFor();
}

/* Goes to hash and waits for its view's heading (and for no "Loading…" left). */
export async function open(page, hash, heading) {
    const url = `${BASE}/${hash}`;
    if (page.url() === url) await page.reload(); // the same hash would fire no hashchange
    else await page.goto(url);
    const h1 = page.getByRole('heading', { level: 1 });
    if (heading) await h1.filter({ hasText: heading }).waitFor();
    else await h1.first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading'));
}

/* ------------------------------------------------------------- through the page */

/* Registers a new user through the form; resolves once the dashboard shows. */
export async function registerThroughUi(page, username) {
    await page.goto(`${BASE}/#/register`);
    await page.locator('#register-username').fill(username);
    await page.locator('#register-email').fill(`${username}@example.com`);
    await page.locator('#register-password').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/#\/dashboard$/);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/* Adds a job through the form (fields: {company, title, location, ...} by form field name);
 * resolves on the new job's page and returns its id. */
export async function addJobThroughUi(page, fields) {
    // Going to the hash the page already shows fires no hashchange: reload for an empty form.
    if (page.url().endsWith('#/jobs/new')) await page.reload();
    else await page.goto(`${BASE}/#/jobs/new`);
    await page.locator('#job-company').waitFor();
    for (const [name, value] of Object.entries(fields)) {
        const control = page.locator(`#job-${name.replace(/_/g, '-')}`);
        if (await control.evaluate((el) => el.tagName === 'SELECT')) await control.selectOption(value);
        else await control.fill(value);
    }
    await page.getByTestId('job-submit').click();
    await page.waitForURL(/#\/jobs\/\d+$/);
    return Number(page.url().match(/#\/jobs\/(\d+)$/)[1]);
}

/* Runs f(0) .. f(n - 1), sixteen at a time. */
export async function many(n, f) {
    for (let i = 0; i < n; i += 16) await Promise.all(Array.from({ length: Math.min(16, n - i) }, (_, k) => f(i + k)));
}

/* The API requests page sends whose path (after /api/v1) matches re, from now on: the array
 * grows as they are sent. */
export function countRequests(page, re) {
    const seen = [];
    page.on('request', (r) => {
        const path = r.url().replace(/^.*?\/api\/v1/, '');
        if (r.url().startsWith(`${BASE}/api/v1`) && re.test(path)) seen.push(path);
    });
    return seen;
}
