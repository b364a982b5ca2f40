// A heavy user on the page (the thirty-fifth round, docs/web.md): what grows with the data is
// counted, never timed. The board's "Show more" adds only the new cards to their column (it drew
// the whole board again at each press, every card already shown with it), and it marks a due
// follow-up on any card (only the first 100 of the follow-ups list were marked); the writing and
// interview lists name the job of a text or a session even when it is not among the newest 100
// jobs that fill the form's list (they said "for a job"); the job field of those forms finds any
// job by its words as they are typed, with a bounded number of requests and the answer to the
// last words shown even when an earlier one comes later; the job page's name of a new contact
// suggests any of the user's contacts as it is typed, not only the first 100; the exports (the
// heavy user's is 117 MB) say how much has come while they download.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, assertNoProblems, awayFromMidnight, call, countRequests, downloaded, launch, many, newPage, registerApi, signIn } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

/*
 * Types text into the box at selector as a person does, a key every 40 ms, inside the page: each
 * key's timer is due before the search's pause (300 ms), so on a loaded machine too the keys
 * come before it (the page's timers run in the order they are due), which a key sent from here
 * a round trip at a time would not promise.
 */
async function typeSlowly(page, selector, text) {
    await page.locator(selector).focus();
    await page.evaluate(async ({ selector, text }) => {
        const el = document.querySelector(selector);
        for (const ch of text) {
            el.value += ch;
            el.dispatchEvent(new InputEvent('input', { bubbles: true, data: ch, inputType: 'insertText' }));
            await new Promise((resolve) => setTimeout(resolve, 40));
        }
    }, { selector, text });
}

describe('a heavy user', () => {
    let browser;

    before(async () => {
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
    });

    it('the board adds the cards "Show more" fetched, without drawing the board again', async () => {
        const user = await registerApi('heavyboard');
        const job = (await call(user.token, 'POST', '/jobs', { company: 'Busy Co', title: 'Busy Role' })).id;
        await many(300, () => call(user.token, 'POST', '/applications', { job_id: job, status: 'interested' }));
        const page = await newPage(browser);
        await signIn(page, user.token, '#/board?column=interested');
        const column = page.getByTestId('column-interested');
        await column.getByTestId('board-card').first().waitFor();
        assert.equal(await column.getByTestId('column-count').textContent(), '300');
        assert.equal(await column.getByTestId('board-card').count(), 20, 'a bounded column: 20 cards of 300');
        // every card element the page adds from now on, wherever it is added
        await page.evaluate(() => {
            window.cardsAdded = 0;
            new MutationObserver((records) => {
                for (const r of records) for (const n of r.addedNodes) {
                    if (n.nodeType !== 1) continue;
                    window.cardsAdded += (n.matches('[data-testid="board-card"]') ? 1 : 0) + n.querySelectorAll('[data-testid="board-card"]').length;
                }
            }).observe(document.getElementById('view'), { childList: true, subtree: true });
        });
        const requests = countRequests(page, /^\/applications\?/);
        assert.equal(await column.getByTestId('show-all').textContent(), 'Show 200 more');
        await column.getByTestId('show-all').click();
        await column.getByTestId('board-card').nth(219).waitFor();
        assert.equal(await page.evaluate(() => window.cardsAdded), 200, 'cards added by "Show 200 more"');
        assert.equal(requests.length, 2, 'two requests of 100');
        // the cards shown stay the same elements: a third press adds its 20 and nothing else
        await page.evaluate(() => {
            window.cardsAdded = 0;
            window.firstCard = document.querySelector('[data-testid="column-interested"] [data-testid="board-card"]');
        });
        await column.getByTestId('show-more').click();
        await column.getByTestId('board-card').nth(239).waitFor();
        assert.equal(await page.evaluate(() => window.cardsAdded), 20, 'cards added by "Show 20 more"');
        assert.ok(await page.evaluate(() => window.firstCard.isConnected), 'the first card is the same element');
        assert.equal(requests.length, 3);
        assert.equal(await column.getByTestId('board-card').count(), 240);
        assert.equal(await column.getByTestId('show-more').textContent(), 'Show 20 more');
        assert.equal(await column.getByTestId('show-all').textContent(), 'Show all 60');
        // the keyboard stays with the column: the first card fetched has the focus
        assert.equal(await page.evaluate(() => [...document.activeElement.closest('ul').children].indexOf(document.activeElement.closest('li'))), 220);
        const ids = await column.getByTestId('board-card').evaluateAll((els) => els.map((e) => e.dataset.applicationId));
        assert.equal(new Set(ids).size, 240, 'no card twice');
        await column.getByTestId('show-all').click();
        await column.getByTestId('board-card').nth(299).waitFor();
        assert.equal(await column.getByTestId('show-more').count() + await column.getByTestId('show-all').count(), 0);
        assertNoProblems(page);
        await page.context().close();
    });

    it('the board marks a due follow-up on any card, not only on the first 100 of the follow-ups list', async () => {
        await awayFromMidnight();
        const user = await registerApi('heavydue');
        const t = user.token;
        const job = (await call(t, 'POST', '/jobs', { company: 'Due Co', title: 'Due Role' })).id;
        // 110 follow-ups older than the one due today: the list's first 100 are all theirs
        await many(110, () => call(t, 'POST', '/applications', { job_id: job, status: 'applied', follow_up_date: day(-10) }));
        const today = await call(t, 'POST', '/applications', { job_id: job, status: 'offer', follow_up_date: day(0) });
        const late = await call(t, 'POST', '/applications', { job_id: job, status: 'offer', follow_up_date: day(-2) });
        const closed = await call(t, 'POST', '/applications', { job_id: job, status: 'rejected', follow_up_date: day(-2) });
        const page = await newPage(browser);
        const asked = countRequests(page, /^\/applications\/follow-ups/);
        await signIn(page, t, '#/board');
        const card = (app) => page.locator(`[data-testid="board-card"][data-application-id="${app.id}"]`);
        await card(today).waitFor();
        assert.match(await card(today).getAttribute('class'), /due-today/);
        assert.match(await card(today).textContent(), /Follow up today/);
        assert.match(await card(late).getAttribute('class'), /overdue/);
        assert.match(await card(late).textContent(), /Follow-up overdue since/);
        // a closed application's date is no follow-up to make (the server's list leaves it out too)
        assert.doesNotMatch(await card(closed).getAttribute('class'), /overdue|due-today/);
        assert.equal(await page.getByTestId('column-applied').locator('.card-item.overdue').count(), 20);
        assert.deepEqual(asked, [], 'the board asks no follow-ups list');
        assertNoProblems(page);
        await page.context().close();
    });

    it('the job page suggests any of many contacts as a name is typed', async () => {
        const user = await registerApi('heavycontacts');
        const t = user.token;
        const job = await call(t, 'POST', '/jobs', { company: 'Linked Co', title: 'Linked Role' });
        const app = await call(t, 'POST', '/applications', { job_id: job.id });
        await many(130, (i) => call(t, 'POST', '/contacts', { name: `Contact ${String(i).padStart(3, '0')} Person` }));
        await call(t, 'POST', '/contacts', { name: 'Zora Quill', company: 'Far Away' });
        const page = await newPage(browser);
        await signIn(page, t, `#/jobs/${job.id}`);
        const prefix = `#app-${app.id}-link`;
        await page.locator(`${prefix}-contact`).selectOption('new');
        const names = page.locator(`${prefix}-names option`);
        assert.equal(await names.count(), 100, 'the first 100 names to start with');
        const searches = countRequests(page, /^\/contacts\?.*\bq=/);
        await typeSlowly(page, `${prefix}-name`, 'zora quil');
        await page.locator(`${prefix}-names option[value="Zora Quill"]`).waitFor({ state: 'attached' });
        assert.ok(searches.length >= 1 && searches.length <= 2, `typing 9 characters sent ${searches.length} searches`);
        assert.equal(await names.count(), 1);
        // the suggestion taken (as choosing it in the list does), linking it links that contact, no copy made
        await page.locator(`${prefix}-name`).fill('Zora Quill');
        await page.getByTestId('link-contact').click();
        await page.getByTestId('linked-contact').filter({ hasText: 'Zora Quill' }).waitFor();
        assert.equal((await call(t, 'GET', '/contacts?q=zora')).total, 1);
        assertNoProblems(page);
        await page.context().close();
    });

    it('the exports say how much has come while they download', async () => {
        const user = await registerApi('heavyexport');
        const t = user.token;
        for (let part = 0; part < 3; part++) {
            const report = await call(t, 'POST', '/jobs/import', Array.from({ length: 1000 }, (_, i) => ({
                company: `Export Co ${part}-${i}`, title: `Export Role ${i}`, location: 'Oslo',
                description: 'A posting long enough to make the export a few megabytes. '.repeat(8) })));
            assert.equal(report.created, 1000);
        }
        const page = await newPage(browser);
        await signIn(page, t, '#/account');
        // every text the button shows, from now on
        const watch = (testid) => page.evaluate((testid) => {
            window.shown = [];
            const button = document.querySelector(`[data-testid="${testid}"]`);
            new MutationObserver((records) => {
                for (const r of records) for (const n of r.addedNodes) window.shown.push(n.textContent);
            }).observe(button, { childList: true, subtree: true });
        }, testid);
        for (const [hash, testid, words] of [['#/account', 'export-data', 'Download all my data (JSON)'], ['#/jobs', 'export-csv', 'Export CSV']]) {
            if (hash !== '#/account') await page.goto(`${BASE}/${hash}`);
            await page.getByTestId(testid).waitFor();
            await watch(testid);
            const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
            const file = await downloaded(download);
            assert.ok(file.length > 1024 * 1024, `${testid}: ${file.length} bytes`);
            await page.getByTestId(testid).filter({ hasText: words }).waitFor();
            const shown = await page.evaluate(() => window.shown);
            const counts = shown.filter((text) => /^Downloading… [\d.,]+ (KB|MB)$/.test(text));
            assert.ok(counts.length >= 1, `${testid} showed ${JSON.stringify(shown.slice(0, 5))}`);
            assert.equal(shown[shown.length - 1], words, 'its words back once saved');
        }
        assertNoProblems(page);
        await page.context().close();
    });

    describe('with more jobs than the job field lists', () => {
        let user, zebra, zebu;

        before(async () => {
            user = await registerApi('heavyjobs');
            const t = user.token;
            zebra = await call(t, 'POST', '/jobs', { company: 'Oldest Zoo', title: 'Zebra Keeper' });
            zebu = await call(t, 'POST', '/jobs', { company: 'Old Farm', title: 'Zebu Herder' });
            // a second later, so that the 120 below are the newest whatever breaks a tie of times
            await new Promise((resolve) => setTimeout(resolve, 1100));
            const report = await call(t, 'POST', '/jobs/import', Array.from({ length: 120 }, (_, i) =>
                ({ company: `Filler Co ${i}`, title: `Filler Role ${i}`, location: 'Oslo' })));
            assert.equal(report.created, 120);
            await call(t, 'POST', '/content', { content_type: 'cover_letter', job_id: zebra.id });
            await call(t, 'POST', '/interviews', { interview_type: 'technical', job_id: zebu.id, total_questions: 1 });
        });

        it('names the job of every text and session, even one older than the newest 100', async () => {
            const page = await newPage(browser);
            await signIn(page, user.token, '#/writing');
            // counted from one load of the view (signIn's own loads left out)
            const asked = countRequests(page, /^\/jobs\/\d+$/);
            await page.reload();
            await page.getByTestId('content-item').first().waitFor();
            assert.match(await page.getByTestId('content-item').first().textContent(), /Cover letter for Zebra Keeper at Oldest Zoo/);
            assert.equal(await page.locator('#content-job option').count(), 101, 'no particular job and the newest 100');
            assert.equal(await page.locator(`#content-job option[value="${zebra.id}"]`).count(), 0);
            assert.deepEqual(asked, [`/jobs/${zebra.id}`], 'one request for the one job not at hand');
            await page.goto(`${BASE}/#/interviews`);
            await page.getByTestId('session-item').first().waitFor();
            assert.match(await page.getByTestId('session-item').first().textContent(), /Technical interview for Zebu Herder at Old Farm/);
            assertNoProblems(page);
            await page.context().close();
        });

        it('finds any job by the words typed: few requests, the last words win', async () => {
            const page = await newPage(browser);
            await signIn(page, user.token, '#/writing');
            const find = page.locator('#content-job-find');
            await find.waitFor();
            const searches = countRequests(page, /^\/jobs\?.*\bq=/);
            // ten keys, as a person types them: one request once the typing pauses, not ten
            await typeSlowly(page, '#content-job-find', 'zebra keep');
            await page.getByTestId('job-find-status').filter({ hasText: '1 job matches “zebra keep”.' }).waitFor();
            assert.ok(searches.length <= 2, `typing 10 characters sent ${searches.length} searches: ${searches.join(' ')}`);
            assert.deepEqual(await page.locator('#content-job option').evaluateAll((os) => os.map((o) => o.textContent)),
                ['No particular job', 'Zebra Keeper at Oldest Zoo']);
            assert.equal(await page.locator('#content-job').inputValue(), String(zebra.id), 'the job found is chosen');
            // an answer to earlier words that comes after the answer to the latest is dropped
            let release;
            const held = new Promise((resolve) => { release = resolve; });
            const zeb = /\/api\/v1\/jobs\?.*q=zeb(&|$)/;
            await page.route(zeb, async (route) => {
                await held;
                await route.continue();
            });
            await find.fill('');
            const sent = page.waitForRequest(zeb);
            await typeSlowly(page, '#content-job-find', 'zeb');
            await sent;
            await typeSlowly(page, '#content-job-find', 'u');
            await page.getByTestId('job-find-status').filter({ hasText: '1 job matches “zebu”.' }).waitFor();
            const answered = page.waitForEvent('requestfinished', (r) => zeb.test(r.url()));
            release();
            await answered;
            // the answer read and handled: a task after the ones its arrival queued
            await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
            assert.equal(await page.getByTestId('job-find-status').textContent(), '1 job matches “zebu”.');
            assert.deepEqual(await page.locator('#content-job option').evaluateAll((os) => os.map((o) => o.textContent)),
                ['No particular job', 'Zebu Herder at Old Farm']);
            // Enter asks at once and sends no form; an empty box brings the newest jobs back
            await find.fill('filler role 7');
            await find.press('Enter');
            await page.getByTestId('job-find-status').filter({ hasText: 'match “filler role 7”' }).waitFor();
            assert.equal(page.url(), `${BASE}/#/writing`, 'Enter wrote nothing');
            await find.fill('');
            assert.equal(await page.locator('#content-job option').count(), 101);
            // the job found is the one written for
            await find.fill('zebu herder');
            await page.getByTestId('job-find-status').filter({ hasText: '1 job matches “zebu herder”.' }).waitFor();
            await page.getByTestId('generate-submit').click();
            await page.waitForURL(/#\/writing\/\d+$/);
            const written = await call(user.token, 'GET', `/content/${page.url().match(/(\d+)$/)[1]}`);
            assert.equal(written.job_id, zebu.id);
            assertNoProblems(page);
            await page.context().close();
        });

        it('the interview form finds a job the same way', async () => {
            const page = await newPage(browser);
            await signIn(page, user.token, '#/interviews');
            await typeSlowly(page, '#interview-job-find', 'zebra');
            await page.getByTestId('job-find-status').filter({ hasText: '1 job matches “zebra”.' }).waitFor();
            assert.equal(await page.locator('#interview-job').inputValue(), String(zebra.id));
            assertNoProblems(page);
            await page.context().close();
        });
    });
});
