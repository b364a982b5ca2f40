// The main path through the page, one user, in order: register, land on the dashboard, add a
// job, find it, add a duplicate (409), track an application, move it on the board, try a
// forbidden move, log out, and see a later login error replace the "logged out" notice.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, PASSWORD, addJobThroughUi, assertNoProblems, checkA11y, launch, newPage, open, registerThroughUi, shot, uniqueName } from './helpers.mjs';

describe('the main flow', () => {
    let browser, page, jobId, appId;
    const username = uniqueName('flow');

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
    });
    after(async () => {
        await browser?.close();
    });

    it('sends a signed-out visitor to the login page', async () => {
        await page.goto(`${BASE}/`);
        await page.waitForURL(/#\/login$/);
        await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
        assert.equal(await page.locator('#nav').isVisible(), false);
        await checkA11y(page, 'login');
    });

    it('registers through the form and lands on an empty dashboard', async () => {
        await page.getByRole('link', { name: 'Create one' }).click();
        await page.waitForURL(/#\/register$/);
        await checkA11y(page, 'register');
        await registerThroughUi(page, username);
        await page.getByTestId('flash').filter({ hasText: new RegExp(`Welcome, ${username}`) }).waitFor();
        assert.equal(await page.locator('#nav').isVisible(), true);
        await page.getByTestId('dashboard-empty').waitFor();
        assert.match(await page.getByTestId('goal-progress').textContent(), /0 of 10/);
        // "Import jobs" leads to the import form itself, open, not to a list with it folded away
        await page.getByTestId('dashboard-empty').getByRole('link', { name: 'Import jobs' }).click();
        await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
        await page.locator('#import-text').waitFor({ state: 'visible' });
        await page.goBack();
        await page.getByTestId('dashboard-empty').waitFor();
    });

    it('adds a job and shows it with its salary formatted', async () => {
        await page.getByTestId('add-job').first().click();
        await page.waitForURL(/#\/jobs\/new$/);
        assert.equal(await page.locator('#job-status').count(), 0, 'no status field on the job form');
        jobId = await addJobThroughUi(page, {
            company: 'Stripe, LLC', title: 'Backend Engineer', location: 'Remote',
            tech_stack: 'Go, SQL', salary_min: '90000', salary_max: '120000', currency: 'EUR',
        });
        await page.getByRole('heading', { level: 1, name: 'Backend Engineer' }).waitFor();
        assert.match(await page.getByTestId('job-company').textContent(), /Stripe, LLC/);
        const fields = await page.getByTestId('job-fields').textContent();
        assert.match(fields, /Go, SQL/);
        assert.match(fields, /€90,000 – €120,000/);
        await page.getByTestId('flash').filter({ hasText: 'Job added.' }).waitFor();
        // the first job on the dashboard: "1 job tracked", not "1 jobs tracked"
        await open(page, '#/dashboard', 'Dashboard');
        assert.match(await page.getByTestId('today').innerText(), /\b1\s+job tracked\b/);
    });

    it('lists the jobs and finds one by search', async () => {
        await addJobThroughUi(page, { company: 'Acme GmbH', title: 'Data Analyst', location: 'Berlin' });
        await page.getByTestId('nav-jobs').click();
        await page.getByTestId('job-row').nth(1).waitFor();
        assert.equal(await page.getByTestId('job-row').count(), 2);
        assert.equal(await page.getByTestId('jobs-total').textContent(), '1–2 of 2');

        await page.getByLabel('Search').fill('backend');
        await page.getByTestId('search-submit').click();
        await page.waitForURL(/#\/jobs\?q=backend$/);
        await page.getByTestId('jobs-total').filter({ hasText: '1 of 1' }).waitFor();
        const rows = page.getByTestId('job-row');
        assert.equal(await rows.count(), 1);
        assert.match(await rows.first().textContent(), /Backend Engineer.*Stripe, LLC.*Remote/);
        assert.equal(await page.getByLabel('Search').inputValue(), 'backend');

        await page.getByLabel('Search').fill('no such words');
        await page.getByLabel('Search').press('Enter');
        await page.getByTestId('jobs-empty').filter({ hasText: 'No jobs match' }).waitFor();
        assert.equal(await page.getByTestId('jobs-total').count(), 0, 'no "0–0 of 0" pager');
    });

    it('refuses a duplicate with 409 and links to the existing job', async () => {
        await page.goto(`${BASE}/#/jobs/new`);
        await page.locator('#job-company').fill('Stripe');
        await page.locator('#job-title').fill('Backend Engineer');
        await page.locator('#job-location').fill('Remote');
        await page.getByTestId('job-submit').click();
        const error = page.getByTestId('form-error');
        await error.waitFor();
        assert.match(await error.textContent(), /already tracked/);
        const link = page.getByTestId('duplicate-link');
        assert.equal(await link.getAttribute('href'), `#/jobs/${jobId}`);
        await link.click();
        await page.waitForURL(new RegExp(`#/jobs/${jobId}$`));
        await page.getByRole('heading', { level: 1, name: 'Backend Engineer' }).waitFor();
    });

    it('tracks one application from the job page, and only one', async () => {
        assert.equal(await page.getByTestId('no-applications').isVisible(), true);
        await page.getByTestId('track-application').click();
        const app = page.getByTestId('application');
        await app.waitFor();
        appId = await app.getAttribute('data-application-id');
        assert.equal(await app.getByTestId('status').first().textContent(), 'Interested');
        assert.equal(await page.getByTestId('track-application').count(), 0, 'no second "Track" button');
        await checkA11y(page, 'job detail');
    });

    it('moves the application on the board with the keyboard', async () => {
        await page.getByTestId('nav-board').click();
        await page.waitForURL(/#\/board$/);
        const interested = page.getByTestId('column-interested');
        const card = interested.getByTestId('board-card');
        await card.waitFor();
        assert.match(await card.textContent(), /Backend Engineer.*Stripe, LLC/);
        await card.getByTestId('move-button').focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('move-dialog').waitFor();
        await page.getByTestId('move-to-applied').focus();
        await page.keyboard.press('Enter');
        const moved = page.getByTestId('column-applied').getByTestId('board-card');
        await moved.waitFor();
        assert.equal(await moved.getAttribute('data-application-id'), appId);
        assert.equal(await interested.getByTestId('board-card').count(), 0);
        await page.getByTestId('flash').filter({ hasText: /Moved .*Applied/ }).waitFor();
        await shot(page, 'board');
    });

    it('offers only the moves the pipeline allows, and says why a dropped card stays', async () => {
        const card = page.getByTestId('column-applied').getByTestId('board-card');
        await card.getByTestId('move-button').click();
        const dialog = page.getByTestId('move-dialog');
        await dialog.waitFor();
        assert.equal(await page.getByTestId('move-to-interested').count(), 0, 'no way back to Interested is offered');
        assert.deepEqual(await dialog.locator('[data-testid^="move-to-"]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
            ['move-to-phone_screen', 'move-to-interview', 'move-to-technical', 'move-to-offer', 'move-to-rejected', 'move-to-withdrawn', 'move-to-ghosted']);
        // the states are a group of their own; Cancel is not one of them
        assert.equal(await dialog.getByTestId('move-choices').getByTestId('move-cancel').count(), 0);
        assert.equal(await dialog.getByTestId('move-choices').locator('button').count(), 7);
        await page.getByTestId('move-cancel').click();
        // A drag onto a column that is not a move stays put and says so, in words.
        const a = await card.boundingBox();
        const b = await page.getByTestId('column-interested').boundingBox();
        await page.mouse.move(a.x + a.width / 2, a.y + 10);
        await page.mouse.down();
        await page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 3 });
        await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 8 });
        await page.mouse.up();
        const error = card.getByTestId('card-error');
        await error.waitFor();
        const text = await error.textContent();
        assert.match(text, /Cannot move from Applied to Interested/);
        assert.match(text, /Allowed next: Phone screen, Interview/);
        assert.doesNotMatch(text, /phone_screen/);
        // Still where it was, after a fresh load of the board.
        await page.reload();
        await page.getByTestId('column-applied').getByTestId('board-card').waitFor();
        assert.equal(await page.getByTestId('column-interested').getByTestId('board-card').count(), 0);
    });

    it('logs out, keeps the views closed, and a later login error replaces the notice', async () => {
        await page.getByTestId('nav-logout').click();
        await page.waitForURL(/#\/login$/);
        await page.getByTestId('flash').filter({ hasText: 'You are logged out.' }).waitFor();
        assert.equal(await page.locator('#nav').isVisible(), false);
        assert.equal(await page.evaluate(() => sessionStorage.length), 0);
        await page.locator('#login-username').fill(username);
        await page.locator('#login-password').fill('wrong password');
        await page.getByTestId('login-submit').click();
        await page.getByTestId('form-error').waitFor();
        assert.equal(await page.getByTestId('flash').isVisible(), false, 'the old notice is gone');
        await page.goto(`${BASE}/#/board`);
        await page.waitForURL(/#\/login$/);
        assertNoProblems(page);
    });

    it('opens the view a signed-out visitor asked for once they log in', async () => {
        // #/board was asked for above, signed out
        await page.locator('#login-username').fill(username);
        await page.locator('#login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/#\/board$/);
        await page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
        // only once: the next sign-in goes to the dashboard
        await page.getByTestId('nav-logout').click();
        await page.waitForURL(/#\/login$/);
        await page.locator('#login-username').fill(username);
        await page.locator('#login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/#\/dashboard$/);
        assertNoProblems(page);
    });
});
