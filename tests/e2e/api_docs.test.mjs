// GET /api/docs: the API reference (Redoc, web/vendor/redoc.standalone.js) renders the server's
// OpenAPI document in Chromium under the page's own narrow Content-Security-Policy, offline (no
// request leaves the server), with no console error; the account page links to it, and the main
// page never loads the renderer.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE, assertNoProblems, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('API reference page', () => {
    let browser;
    before(async () => { browser = await launch(); });
    after(async () => { await browser?.close(); });

    test('/api/docs renders every tag of the document with no console error, offline', async () => {
        const page = await newPage(browser);
        const foreign = [];
        page.on('request', (req) => {
            if (!req.url().startsWith(BASE) && !/^(data|blob):/.test(req.url())) foreign.push(req.url());
        });
        const res = await page.goto(`${BASE}/api/docs`);
        assert.equal(res.status(), 200);
        const csp = res.headers()['content-security-policy'];
        assert.match(csp, /script-src 'self';/, 'no inline script allowed');
        assert.match(csp, /frame-ancestors 'none'/);
        const doc = await (await fetch(`${BASE}/api/v1/openapi.json`)).json();
        // Redoc's title, then one menu entry per tag of the document (Redoc renders the whole
        // document at once: seconds of CPU alone, a minute and more on a machine at load 40)
        await page.getByRole('heading', { level: 1, name: new RegExp(doc.info.title) }).waitFor({ timeout: 120000 });
        for (const tag of doc.tags)
            await page.locator('[role="menuitem"], label').filter({ hasText: tag.name }).first().waitFor();
        // an operation and its schema rendered from the document
        await page.getByRole('heading', { name: doc.paths['/api/v1/jobs'].post.summary }).first().waitFor();
        // the search worker starts after the first render (from a blob: URL, under worker-src)
        if (!page.workers().length) await page.waitForEvent('worker');
        assert.deepEqual(foreign, [], 'nothing is fetched from another host');
        assertNoProblems(page);
        await page.context().close();
    });

    test('the account page links to it; the main page does not load the renderer', async () => {
        const page = await newPage(browser);
        const loaded = [];
        page.on('request', (req) => loaded.push(new URL(req.url()).pathname));
        const user = await registerApi('docs');
        await signIn(page, user.token, '#/account');
        await open(page, '#/account', 'Account');
        const link = page.getByTestId('api-docs-link');
        assert.equal(await link.getAttribute('href'), '/api/docs');
        assert.ok(!loaded.some((p) => p.includes('redoc')), `the page loaded ${loaded.filter((p) => p.includes('redoc'))}`);
        assertNoProblems(page);
        await page.context().close();
    });
});
