// The bookmarklet (SPEC part E, "Capture a posting"): the account page offers it; run on a
// posting page served by this test from another origin, it opens /capture, which signs the user
// in, shows the draft read from the page, takes a correction and saves the job; the job is then
// in the list. A second run reuses the signed-in window and links to the job already tracked;
// the capture page opened directly takes an address and explains a refused one.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWebServer } from '../api/fake_web.mjs';
import {
    BASE, PASSWORD, assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn,
    watchProblems,
} from './helpers.mjs';

describe('capture with the bookmarklet', () => {
    let browser, page, posting, popup, web, user, code, jobId;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        web = await startWebServer(); /* another port: another origin than the server's */
        user = await registerApi('capture');
    });
    after(async () => {
        await browser?.close();
        await web?.stop();
    });

    it('the account page offers the bookmarklet to drag', async () => {
        await signIn(page, user.token, '#/account');
        const link = page.getByTestId('bookmarklet');
        const href = await link.getAttribute('href');
        assert.match(href, /^javascript:/);
        code = decodeURIComponent(href.slice('javascript:'.length));
        assert.ok(code.includes(JSON.stringify(BASE)), 'the bookmarklet posts to this server only');
        await link.click(); /* on this page it only says how to use it */
        await page.getByTestId('bookmarklet-note').waitFor();
        assert.match(page.url(), /#\/account$/);
        await checkA11y(page, 'account with the bookmarklet');
        assertNoProblems(page);
    });

    it('run on a posting, it opens the capture window, which signs in and shows the draft', async () => {
        /* a tab of its own, never signed in to Career Copilot, as the user's posting tab is */
        posting = await newPage(browser);
        await posting.goto(web.url('/postings/lever.html'));
        const [opened] = await Promise.all([posting.waitForEvent('popup'), posting.evaluate(code)]);
        popup = watchProblems(opened);
        await popup.waitForURL(`${BASE}/capture`);
        await popup.getByTestId('capture-login').waitFor();
        await checkA11y(popup, 'capture: log in');
        await popup.locator('#capture-username').fill(user.username);
        await popup.locator('#capture-password').fill(PASSWORD);
        await popup.getByTestId('capture-login-submit').click();
        await popup.getByTestId('capture-draft').waitFor();
        assert.equal(await popup.locator('#capture-title').inputValue(), 'Platform Engineer');
        assert.equal(await popup.locator('#capture-company').inputValue(), 'Northwind Traders');
        assert.equal(await popup.locator('#capture-job-type').inputValue(), 'full-time');
        assert.equal(await popup.locator('#capture-remote-option').inputValue(), 'remote');
        assert.equal(await popup.locator('#capture-salary-min').inputValue(), '150000');
        assert.match(await popup.getByTestId('capture-found-in').textContent(), /127\.0\.0\.1:\d+.*job data/);
        assert.equal(await popup.getByTestId('capture-missing').count(), 0, 'nothing missing on this page');
        await checkA11y(popup, 'capture: draft');
        assertNoProblems(popup);
    });

    it('saves the job with the correction, and the job is in the list', async () => {
        await popup.locator('#capture-location').fill('Remote (US)');
        await popup.getByTestId('capture-save').click();
        await popup.getByTestId('capture-saved').filter({ hasText: 'Platform Engineer at Northwind Traders is in your jobs.' }).waitFor();
        await popup.getByTestId('capture-open').click();
        await popup.getByRole('heading', { level: 1, name: 'Platform Engineer' }).waitFor();
        jobId = Number(popup.url().match(/#\/jobs\/(\d+)$/)[1]);
        const job = await call(user.token, 'GET', `/jobs/${jobId}`);
        assert.equal(job.location, 'Remote (US)');
        assert.equal(job.source_url, web.url('/postings/lever.html'));
        assert.equal(job.source, 'other');
        await signIn(page, user.token, '#/jobs');
        await page.getByRole('link', { name: 'Platform Engineer' }).waitFor();
        assertNoProblems(popup);
        assertNoProblems(page);
    });

    it('a second click reuses the window, still signed in, and links to the job already saved', async () => {
        await posting.goto(web.url('/postings/lever.html'));
        await posting.evaluate(code); /* the window named copilot_capture is navigated, not a new one */
        await popup.waitForURL(`${BASE}/capture`);
        await popup.getByTestId('capture-draft').waitFor();
        await popup.getByTestId('capture-save').click();
        const error = popup.getByTestId('form-error');
        await error.filter({ hasText: /already tracked/ }).waitFor();
        assert.equal(await popup.getByTestId('capture-existing').getAttribute('href'), `/#/jobs/${jobId}`);
        assertNoProblems(popup);
    });

    it('a page with less to read says what is missing; the user fills it in', async () => {
        await posting.goto(web.url('/postings/opengraph.html'));
        await posting.evaluate(code);
        await popup.getByTestId('capture-draft').waitFor();
        assert.match(await popup.getByTestId('capture-found-in').textContent(), /preview tags/);
        assert.match(await popup.getByTestId('capture-missing').textContent(), /Location.*Job type/);
        await popup.locator('#capture-location').fill('Palo Alto');
        await popup.locator('#capture-remote-option').selectOption('hybrid');
        await popup.getByTestId('capture-save').click();
        await popup.getByTestId('capture-saved').filter({ hasText: 'Product Designer at Hooli' }).waitFor();
        const list = await call(user.token, 'GET', '/jobs?q=Designer');
        assert.equal(list.items[0].location, 'Palo Alto');
        assert.equal(list.items[0].remote_option, 'hybrid');
        assertNoProblems(popup);
    });

    it('opened directly, the capture page takes an address, fetches it, and explains a refused one', async () => {
        const direct = await newPage(browser);
        await direct.goto(`${BASE}/capture`);
        await direct.getByTestId('capture-login').waitFor();
        await direct.locator('#capture-username').fill(user.username);
        await direct.locator('#capture-password').fill(PASSWORD);
        await direct.getByTestId('capture-login-submit').click();
        await direct.getByTestId('capture-address').waitFor();
        await checkA11y(direct, 'capture: address');
        /* 127.0.0.2 is loopback too, and not on the server's allow list (tests/e2e/run) */
        await direct.locator('#capture-url').fill(`http://127.0.0.2:${web.port}/postings/ashby.html`);
        await direct.getByTestId('capture-address-submit').click();
        await direct.getByTestId('form-error').filter({ hasText: /loopback address/ }).waitFor();
        assert.equal(await direct.locator('#capture-url').getAttribute('aria-invalid'), 'true');
        /* the test's own server on 127.0.0.1 is allowed: the server fetches the page itself */
        await direct.locator('#capture-url').fill(web.url('/postings/ashby.html'));
        await direct.getByTestId('capture-address-submit').click();
        await direct.getByTestId('capture-draft').waitFor();
        assert.equal(await direct.locator('#capture-title').inputValue(), 'Staff Machine Learning Engineer');
        await direct.getByTestId('capture-save').click();
        await direct.getByTestId('capture-saved').filter({ hasText: 'Staff Machine Learning Engineer at Lumen Labs' }).waitFor();
        assertNoProblems(direct);
        await open(page, '#/account', 'Account');
    });
});
