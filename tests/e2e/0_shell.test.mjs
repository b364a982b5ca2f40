// The shell: what the first visit to the sign-in page weighs, that each view loads only its own
// code (modules counted per view, printed), the not-found view, the skip link, visible focus,
// the menu on a phone, and no missing file (favicon included).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser, views } from './data.mjs';
import { BASE, assertNoProblems, checkA11y, launch, newPage, open, signIn } from './helpers.mjs';

const BUDGET = 60 * 1024; // bytes on the wire for the first visit to the sign-in page

describe('the shell', () => {
    let browser, user;

    before(async () => {
        browser = await launch();
        user = await richUser('shell');
    });
    after(async () => {
        await browser?.close();
    });

    it(`sends the sign-in page in at most ${BUDGET / 1024} KB on a first visit`, async () => {
        const page = await newPage(browser);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        let bytes = 0;
        let requests = 0;
        const missing = [];
        cdp.on('Network.loadingFinished', (e) => {
            bytes += e.encodedDataLength;
            requests += 1;
        });
        page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
        await page.goto(`${BASE}/`);
        await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
        await page.waitForLoadState('networkidle');
        console.log(`# sign-in page, first visit: ${requests} requests, ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB) transferred`);
        assert.ok(bytes <= BUDGET, `${bytes} bytes transferred`);
        assert.deepEqual(missing, []);
        assertNoProblems(page);
        await page.context().close();
    });

    it('serves the page under a strict CSP and the repeat visit from the cache', async () => {
        const page = await newPage(browser);
        const first = await page.goto(`${BASE}/`);
        const csp = first.headers()['content-security-policy'] || '';
        assert.match(csp, /script-src 'self'/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(first.headers()['x-content-type-options'], 'nosniff');
        await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
        await page.waitForLoadState('networkidle');
        // the second visit, in a new tab of the same browser: the page is revalidated (304),
        // its files come from the cache
        const again = await page.context().newPage();
        const cdp = await page.context().newCDPSession(again);
        await cdp.send('Network.enable');
        const seen = [];
        cdp.on('Network.responseReceived', (e) => seen.push({ url: e.response.url, status: e.response.status, cached: e.response.fromDiskCache || e.response.fromMemoryCache }));
        // the status on the wire (responseReceived shows a revalidated page as its cached 200)
        const wire = new Map();
        cdp.on('Network.requestWillBeSent', (e) => wire.set(e.requestId, { url: e.request.url }));
        cdp.on('Network.responseReceivedExtraInfo', (e) => { if (wire.has(e.requestId)) wire.get(e.requestId).status = e.statusCode; });
        let bytes = 0;
        cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
        await again.goto(`${BASE}/`);
        await again.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
        await again.waitForLoadState('networkidle');
        const page304 = [...wire.values()].find((r) => new URL(r.url).pathname === '/');
        assert.equal(page304?.status, 304, `the page is revalidated: ${JSON.stringify([...wire.values()])}`);
        const files = seen.filter((r) => new URL(r.url).pathname.startsWith('/v/'));
        assert.ok(files.length > 0, 'the page\'s files are versioned');
        for (const f of files) assert.ok(f.cached, `${f.url} comes from the cache`);
        const onWire = [...wire.values()].filter((r) => r.status);
        console.log(`# sign-in page, repeat visit: ${seen.length} responses, ${onWire.length} over the network (${onWire.filter((r) => r.status === 304).length} × 304), ${files.filter((f) => f.cached).length} from the cache, ${bytes} bytes transferred`);
        assertNoProblems(page);
        await page.context().close();
    });

    it('loads only the current view’s code', async () => {
        // Each view's first visit is a new document in one tab with the HTTP cache off (CDP
        // Network.setCacheDisabled): a document starts with an empty module map and, with no
        // cache, requests every module it imports from the server, as a first visit in a fresh
        // context does, for about a third of the time (a fresh context per view starts a new
        // renderer each time; docs/performance.md, twenty-fourth round). about:blank between two
        // views: going from one hash to another would only change the hash in the same document.
        const page = await newPage(browser);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        let scripts = [];
        // (the page loads its modules under /v/<version>/; the path after it is the module)
        page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.replace(/^\/v\/[0-9a-f]+/, '')); });
        const counts = [];
        for (const [name, hash, heading] of [['login', '#/login', 'Log in'], ...views(user.ids)]) {
            if (name !== 'login') {
                await page.goto('about:blank');
                // signed in from the first view after the sign-in page on (sessionStorage is the
                // tab's; about:blank has none)
                if (counts.length === 1) {
                    await page.context().addInitScript((t) => {
                        if (location.protocol !== 'about:') sessionStorage.setItem('copilot.token', t);
                    }, user.token);
                }
            }
            scripts = [];
            await page.goto(`${BASE}/${hash}`);
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            if (heading) await page.getByRole('heading', { level: 1 }).filter({ hasText: heading }).waitFor();
            await page.waitForFunction(() => !document.querySelector('.loading'));
            const viewModules = scripts.filter((s) => s.startsWith('/js/views/'));
            counts.push(`${name} ${scripts.length}`);
            // Each view module brings at most the view modules it builds on (e.g. the path page
            // reuses the learning tabs); never the whole set.
            assert.ok(viewModules.length <= 3, `${name} loaded ${viewModules.join(', ')}`);
            assert.ok(scripts.length <= 16, `${name} loaded ${scripts.length} modules`);
            assertNoProblems(page);
        }
        await page.context().close();
        console.log(`# modules per view (first visit): ${counts.join(', ')}`);
    });

    it('shows a not-found view for an unknown address instead of redirecting', async () => {
        const page = await newPage(browser);
        await signIn(page, user.token, '#/dashboard');
        await open(page, '#/nowhere', 'Page not found');
        assert.ok(page.url().endsWith('#/nowhere'));
        assert.match(await page.getByTestId('not-found').textContent(), /There is no page at “#\/nowhere”/);
        await page.getByRole('link', { name: 'Go to the dashboard' }).click();
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        assertNoProblems(page);
        await page.context().close();
    });

    it('has a skip link and a visible focus', async () => {
        const page = await newPage(browser);
        await signIn(page, user.token, '#/jobs');
        await page.waitForFunction(() => !document.querySelector('.loading'));
        const first = await page.evaluate(() => document.querySelector('a[href], button:not([hidden]), input, select, textarea').id);
        assert.equal(first, 'skip-link', 'the skip link comes first');
        await page.locator('#skip-link').focus();
        assert.ok(await page.locator('#skip-link').evaluate((el) => el.getBoundingClientRect().top >= 0), 'the skip link shows when focused');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        assert.notEqual(outline, 'none', 'the focused control shows an outline');
        assertNoProblems(page);
        await page.context().close();
    });

    it('opens the navigation from a menu button on a phone', async () => {
        const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
        await signIn(page, user.token, '#/dashboard');
        const menu = page.getByRole('button', { name: 'Menu' });
        assert.equal(await page.getByTestId('nav-jobs').isVisible(), false);
        assert.equal(await menu.getAttribute('aria-expanded'), 'false');
        await menu.click();
        assert.equal(await menu.getAttribute('aria-expanded'), 'true');
        await checkA11y(page, 'open menu on a phone');
        await page.getByTestId('nav-board').click();
        await page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
        assert.equal(await page.getByTestId('nav-jobs').isVisible(), false, 'the menu closes after choosing');
        assertNoProblems(page);
        await page.context().close();
    });
});
