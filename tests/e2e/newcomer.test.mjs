// A newcomer's hour (the thirty-sixth round, docs/web.md): what a person trips on in their first
// use of the page, and the two changes a heavy user asked for, counted, never timed. The jobs
// pager goes to the first, the last or any page by its number (Previous and Next alone made a
// heavy user's 5,000 pages a walk), the page kept in the address so Back returns to it; a move on
// the board takes the card out of its column and puts it first in the new one, the counts with
// it, without drawing the board again (which dropped what "Show more" had fetched).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, checkA11y, countRequests, launch, many, newPage, registerApi, signIn } from './helpers.mjs';
import { moveThrough, uploadFixture } from './data.mjs';

describe("a newcomer's hour", () => {
    let browser;

    before(async () => {
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
    });

    it('jumps to the first, the last or any page of the jobs, and Back returns to it', async () => {
        const u = await registerApi('pager');
        await many(45, (i) => call(u.token, 'POST', '/jobs', { company: `Pager Co ${i}`, title: `Pager role ${String(i).padStart(2, '0')}` }));
        const page = await newPage(browser);
        await signIn(page, u.token, '#/jobs?limit=10');
        const range = page.getByTestId('jobs-total');
        await range.waitFor();
        assert.equal(await range.textContent(), '1–10 of 45');
        const number = page.getByTestId('page-number');
        assert.equal(await number.inputValue(), '1');
        assert.equal(await page.getByLabel('Page', { exact: true }).count(), 1); // the field is labelled
        assert.ok(await page.getByTestId('page-first').isDisabled());

        await page.getByTestId('page-last').click();
        await page.waitForURL(/offset=40/);
        await page.getByTestId('jobs-total').filter({ hasText: '41–45 of 45' }).waitFor();
        assert.equal(await number.inputValue(), '5');
        assert.ok(await page.getByTestId('page-last').isDisabled());
        assert.ok(await page.getByTestId('page-next').isDisabled());

        // a page by its number, with Enter
        await number.fill('3');
        await number.press('Enter');
        await page.waitForURL(/offset=20/);
        await page.getByTestId('jobs-total').filter({ hasText: '21–30 of 45' }).waitFor();
        assert.match(page.url(), /limit=10/);

        // a job opened from page 3, then Back: page 3 again
        const title = await page.getByTestId('job-row').first().locator('a').first().textContent();
        await page.getByTestId('job-row').first().locator('a').first().click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.goBack();
        await page.getByTestId('jobs-total').filter({ hasText: '21–30 of 45' }).waitFor();
        assert.equal(await page.getByTestId('page-number').inputValue(), '3');

        // not a number: said in words by the field, nothing moves; past the end: the last page
        await page.getByTestId('page-number').fill('three');
        await page.getByTestId('page-go').click();
        assert.equal(await page.getByTestId('page-error').textContent(), 'Type a page number from 1 to 5.');
        assert.match(page.url(), /offset=20/);
        await page.getByTestId('page-number').fill('99');
        await page.getByTestId('page-go').click();
        await page.getByTestId('jobs-total').filter({ hasText: '41–45 of 45' }).waitFor();
        await page.getByTestId('page-first').click();
        await page.getByTestId('jobs-total').filter({ hasText: '1–10 of 45' }).waitFor();
        await checkA11y(page, 'the jobs pager');

        // on a phone the pager wraps inside the screen
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByTestId('page-last').click();
        await page.getByTestId('jobs-total').filter({ hasText: '41–45 of 45' }).waitFor();
        const pager = await page.locator('nav.pager').evaluate((el) => {
            const box = el.getBoundingClientRect();
            return { right: box.right, wide: document.documentElement.scrollWidth };
        });
        assert.ok(pager.right <= 390 && pager.wide <= 390, JSON.stringify(pager));
        await checkA11y(page, 'the jobs pager on a phone');
        assertNoProblems(page);
        await page.context().close();
    });

    it('says a first application\'s figures in words: no "unknown" currency, few applications said', async () => {
        const u = await registerApi('firstapp');
        const job = await call(u.token, 'POST', '/jobs', { company: 'Acme Robotics', title: 'Backend Engineer', salary_min: 80000, salary_max: 100000 });
        const app = await call(u.token, 'POST', '/applications', { job_id: job.id });
        await moveThrough(u.token, app, ['applied']);
        const page = await newPage(browser);
        await signIn(page, u.token, '#/dashboard');
        const salaries = page.getByTestId('salaries-table');
        await salaries.waitFor();
        const text = await salaries.textContent();
        assert.match(text, /No currency given \(1 job\)/);
        assert.match(text, /80,000 – 100,000/);
        assert.doesNotMatch(text, /unknown/);
        // one application sent minutes ago: "0% below low" three times, and "the bottleneck"
        assert.match(await page.getByTestId('rates-few').textContent(), /^Only 1 application sent so far: one answer moves these figures a lot/);
        assert.match(await page.getByTestId('bottleneck').textContent(), /With 1 application at the step before, that may only be time/);
        assertNoProblems(page);
        await page.context().close();
    });

    it('names no green skills a newcomer\'s first résumé does not show', async () => {
        const u = await registerApi('firstcv');
        const cv = await uploadFixture(u.token, 'resume.pdf', 'application/pdf');
        const page = await newPage(browser);
        await signIn(page, u.token, `#/resumes/${cv.id}`);
        const summary = page.getByTestId('skills-summary');
        await summary.waitFor();
        const text = await summary.textContent();
        assert.match(text, /^\d+ skills found, none in your profile yet\.$/);
        assert.equal(await page.getByTestId('resume-skills').locator('li.have').count(), 0);
        assert.match(await page.getByTestId('apply-skills').textContent(), /^Add \d+ new skills to my profile$/);
        assertNoProblems(page);
        await page.context().close();
    });

    it('moves a card on the board without drawing the board again, "Show more" kept', async () => {
        const u = await registerApi('boardmove');
        const apps = [];
        await many(26, async (i) => {
            const job = await call(u.token, 'POST', '/jobs', { company: `Move Co ${i}`, title: `Move role ${i}` });
            apps[i] = await call(u.token, 'POST', '/applications', { job_id: job.id });
            if (i >= 3) apps[i] = await moveThrough(u.token, apps[i], ['applied']);
        });
        // interested: 3; applied: 23 (20 on the board, "Show 3 more")
        const page = await newPage(browser);
        await signIn(page, u.token, '#/board');
        const applied = page.getByTestId('column-applied');
        const interested = page.getByTestId('column-interested');
        await applied.getByTestId('board-card').first().waitFor();
        assert.equal(await applied.getByTestId('board-card').count(), 20);
        await applied.getByTestId('show-more').click();
        await applied.getByTestId('board-card').nth(22).waitFor();
        assert.equal(await applied.getByTestId('show-more').count(), 0);

        // every card shown is marked: a board drawn again would build them anew, unmarked
        await page.evaluate(() => { for (const el of document.querySelectorAll('[data-testid="board-card"]')) el.dataset.kept = '1'; });
        const boards = countRequests(page, /^\/applications\/board/);
        const mover = interested.getByTestId('board-card').first();
        const id = await mover.getAttribute('data-application-id');
        await mover.getByTestId('move-button').click();
        await page.getByTestId('move-to-applied').click();
        await applied.locator(`[data-application-id="${id}"]`).waitFor();
        await page.getByRole('status').filter({ hasText: 'Moved' }).waitFor();

        assert.deepEqual(boards, [], 'the board was asked again after a move');
        assert.equal(await applied.getByTestId('board-card').count(), 24); // the 23 fetched stay, and the moved one
        assert.equal(await applied.getByTestId('board-card').first().getAttribute('data-application-id'), id);
        assert.equal(await applied.getByTestId('column-count').textContent(), '24');
        assert.equal(await interested.getByTestId('column-count').textContent(), '2');
        assert.equal(await interested.getByTestId('board-card').count(), 2);
        assert.equal(await page.locator('[data-testid="board-card"][data-kept="1"]').count(), 25, 'cards drawn anew');
        assert.equal(await page.getByTestId('switch-applied').textContent(), 'Applied (24)');
        assert.equal(await page.getByTestId('switch-interested').textContent(), 'Interested (2)');
        // the moved card keeps the focus for the next move from the keyboard
        assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid="board-card"]')?.dataset.applicationId), id);

        // and out again: a card fetched with "Show more" moved to Phone screen
        const last = applied.getByTestId('board-card').last();
        const lastId = await last.getAttribute('data-application-id');
        await last.getByTestId('move-button').click();
        await page.getByTestId('move-to-phone_screen').click();
        await page.getByTestId('column-phone_screen').locator(`[data-application-id="${lastId}"]`).waitFor();
        assert.equal(await applied.getByTestId('board-card').count(), 23);
        assert.equal(await applied.getByTestId('column-count').textContent(), '23');
        assert.equal(await applied.getByTestId('show-more').count(), 0);
        assert.deepEqual(boards, []);

        // what the server holds agrees with what the page shows
        const board = await call(u.token, 'GET', '/applications/board?per_column=20');
        const counts = Object.fromEntries(board.columns.map((c) => [c.status, c.count]));
        assert.deepEqual([counts.interested, counts.applied, counts.phone_screen], [2, 23, 1]);
        assertNoProblems(page);
        await page.context().close();
    });
});
