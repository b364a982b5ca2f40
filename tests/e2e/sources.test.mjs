// Job sources (#/sources, SPEC part E "Discovery from public job boards"): an address pasted is
// recognised while typing; a feed served by this test is added, fetched now, and what the fetch
// brought shows with links to the new jobs; a second fetch finds them tracked; a failing source
// says why in words; pause, resume and remove (confirmed); a duplicate source links to the first.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWebServer } from '../api/fake_web.mjs';
import { assertNoProblems, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('job sources', () => {
    let browser, page, web, user;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        web = await startWebServer();
        user = await registerApi('sources');
    });
    after(async () => {
        await browser?.close();
        await web?.stop();
    });

    const source = (name) => page.getByTestId('source').filter({ has: page.getByRole('heading', { name }) });

    it('starts empty, and recognises a pasted address while typing', async () => {
        await signIn(page, user.token, '#/sources');
        await page.getByRole('heading', { level: 1, name: 'Job sources' }).waitFor();
        await page.getByTestId('sources-empty').waitFor();
        await checkA11y(page, 'sources, empty');
        await page.locator('#source-url').fill('jobs.lever.co/Northwind/123');
        await page.getByTestId('source-recognised').filter({ hasText: 'Recognised: Lever board northwind' }).waitFor();
        await page.locator('#source-url').fill('https://boards.greenhouse.io/');
        await page.getByTestId('source-recognised').filter({ hasText: /names greenhouse but no board/ }).waitFor();
        await page.locator('#source-url').fill(web.url('/feeds/feed-rss.xml'));
        await page.getByTestId('source-recognised').filter({ hasText: 'Recognised: RSS or Atom feed' }).waitFor();
        assertNoProblems(page);
    });

    it('adds a feed, fetches it now and shows what it brought', async () => {
        await page.locator('#source-name').fill('C jobs');
        await page.getByTestId('source-add').click();
        await page.getByTestId('flash').filter({ hasText: 'Source added' }).waitFor();
        const feed = source('C jobs');
        assert.match(await feed.getByTestId('source-status').textContent(), /Never fetched/);
        await feed.getByTestId('source-fetch').click();
        await feed.getByTestId('source-result').filter({ hasText: '3 postings found: 3 new, 0 already tracked.' }).waitFor();
        await feed.getByTestId('source-run').first().filter({ hasText: 'by hand: 3 postings, 3 new' }).waitFor();
        assert.deepEqual(await feed.getByTestId('source-run-job').allTextContents(),
            ['Embedded C Developer', 'Kernel Engineer', 'Compiler Engineer']);
        await feed.getByTestId('source-fetch').click();
        await feed.getByTestId('source-result').filter({ hasText: '3 postings found: 0 new, 3 already tracked.' }).waitFor();
        // the result is written first, the list of runs after its own request: wait for it
        await feed.getByTestId('source-run').filter({ hasText: '3 postings, 0 new, 3 already tracked' }).waitFor();
        assert.equal(await feed.getByTestId('source-run').count(), 2);
        await checkA11y(page, 'sources, fetched');
        await feed.getByTestId('source-run-job').filter({ hasText: 'Kernel Engineer' }).click();
        await page.getByRole('heading', { level: 1, name: 'Kernel Engineer' }).waitFor();
        assertNoProblems(page);
    });

    it('a failing source says why; pause, resume, remove', async () => {
        await open(page, '#/sources', 'Job sources');
        await page.locator('#source-url').fill(web.url('/feeds/missing.xml'));
        await page.locator('#source-name').fill('Broken feed');
        await page.getByTestId('source-add').click();
        await page.getByTestId('flash').filter({ hasText: 'Source added' }).waitFor();
        const broken = source('Broken feed');
        await broken.getByTestId('source-fetch').click();
        await broken.getByTestId('source-result').filter({ hasText: /The fetch failed: the feed answered HTTP 404$/ }).waitFor();
        await broken.getByTestId('source-last-error').filter({ hasText: /HTTP 404/ }).waitFor();
        // a failed fetch is not "Fetched"
        assert.match(await broken.getByTestId('source-status').textContent(), /^Last tried /);
        await broken.getByTestId('source-toggle').filter({ hasText: 'Pause' }).click();
        await page.getByTestId('flash').filter({ hasText: 'Source paused' }).waitFor();
        assert.match(await source('Broken feed').getByTestId('source-status').textContent(), /Paused/);
        await source('Broken feed').getByTestId('source-toggle').filter({ hasText: 'Resume' }).click();
        await page.getByTestId('flash').filter({ hasText: 'Source resumed' }).waitFor();
        await source('Broken feed').getByTestId('source-remove').click();
        await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
        await page.getByTestId('flash').filter({ hasText: 'Broken feed removed.' }).waitFor();
        await source('Broken feed').waitFor({ state: 'detached' });
        assert.equal(await source('Broken feed').count(), 0);
        assert.equal(await source('C jobs').count(), 1);
        assertNoProblems(page);
    });

    it('adding a source followed already links to it', async () => {
        await page.locator('#source-url').fill(web.url('/feeds/feed-rss.xml'));
        await page.getByTestId('source-add').click();
        await page.getByTestId('source-error').filter({ hasText: 'You follow this RSS or Atom feed already. See it below.' }).waitFor();
        assert.doesNotMatch(await page.getByTestId('source-error').textContent(), /rss source|\(id \d+\)/);
        assert.match(await page.getByTestId('source-existing').getAttribute('href'), /^#source-\d+$/);
        await page.setViewportSize({ width: 390, height: 844 });
        await checkA11y(page, 'sources on a phone');
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');
        assertNoProblems(page);
    });
});
