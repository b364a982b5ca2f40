// The main path through the page, one user, in order: register, add a job, find it, add a
// duplicate (409), track an application, move it on the board, try a forbidden move, log out.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, addJobThroughUi, launch, newPage, registerThroughUi, shot, uniqueName } from './helpers.mjs';

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
    });

    it('registers a user through the form', async () => {
        await page.getByRole('link', { name: 'Create one' }).click();
        await page.waitForURL(/#\/register$/);
        await registerThroughUi(page, username);
        assert.match(await page.getByTestId('flash').textContent(), new RegExp(`Welcome, ${username}`));
        assert.equal(await page.locator('#nav').isVisible(), true);
        assert.match(await page.getByTestId('jobs-empty').textContent(), /No jobs yet/);
    });

    it('adds a job and shows it', async () => {
        await page.getByTestId('add-job').click();
        await page.waitForURL(/#\/jobs\/new$/);
        jobId = await addJobThroughUi(page, {
            company: 'Stripe, LLC', title: 'Backend Engineer', location: 'Remote',
            tech_stack: 'Go, SQL', salary_min: '90000', salary_max: '120000', currency: 'EUR',
        });
        await page.getByRole('heading', { level: 1, name: 'Backend Engineer' }).waitFor();
        assert.match(await page.getByTestId('job-company').textContent(), /Stripe, LLC/);
        const fields = await page.getByTestId('job-fields').textContent();
        assert.match(fields, /Go, SQL/);
        assert.match(fields, /90000/);
        assert.equal(await page.getByTestId('flash').textContent(), 'Job added.');
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
        await page.getByTestId('jobs-total').filter({ hasText: '1–1 of 1' }).waitFor();
        const rows = page.getByTestId('job-row');
        assert.equal(await rows.count(), 1);
        assert.match(await rows.first().textContent(), /Backend Engineer.*Stripe, LLC.*Remote/);
        assert.equal(await page.getByLabel('Search').inputValue(), 'backend');

        await page.getByLabel('Search').fill('no such words');
        await page.getByLabel('Search').press('Enter');
        await page.getByTestId('jobs-empty').filter({ hasText: 'No jobs match.' }).waitFor();
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

    it('tracks an application from the job page', async () => {
        assert.equal(await page.getByTestId('no-applications').isVisible(), true);
        await page.getByTestId('track-application').click();
        const app = page.getByTestId('application');
        await app.waitFor();
        appId = await app.getAttribute('data-application-id');
        assert.equal(await app.getByTestId('status').textContent(), 'Interested');
    });

    it('moves the application on the board from interested to applied', async () => {
        await page.getByTestId('nav-board').click();
        await page.waitForURL(/#\/board$/);
        const interested = page.getByTestId('column-interested');
        const card = interested.getByTestId('board-card');
        await card.waitFor();
        assert.match(await card.textContent(), /Backend Engineer.*Stripe, LLC/);

        await page.locator(`#move-${appId}`).selectOption('applied');
        await card.getByTestId('move-submit').click();
        const moved = page.getByTestId('column-applied').getByTestId('board-card');
        await moved.waitFor();
        assert.equal(await moved.getAttribute('data-application-id'), appId);
        assert.equal(await interested.getByTestId('board-card').count(), 0);
        assert.match(await page.getByTestId('flash').textContent(), /Moved .*Applied/);
        await shot(page, 'board');
    });

    it('shows the server refusing a forbidden move', async () => {
        const card = page.getByTestId('column-applied').getByTestId('board-card');
        await page.locator(`#move-${appId}`).selectOption('interested');
        await card.getByTestId('move-submit').click();
        const error = card.getByTestId('card-error');
        await error.waitFor();
        const text = await error.textContent();
        assert.match(text, /cannot move from applied to interested/);
        assert.match(text, /allowed: phone_screen/);
        // Still where it was, after a fresh load of the board.
        await page.reload();
        await page.getByTestId('column-applied').getByTestId('board-card').waitFor();
        assert.equal(await page.getByTestId('column-interested').getByTestId('board-card').count(), 0);
    });

    it('logs out and keeps the signed-out user away from the views', async () => {
        await page.getByTestId('nav-logout').click();
        await page.waitForURL(/#\/login$/);
        assert.equal(await page.getByTestId('flash').textContent(), 'You are logged out.');
        assert.equal(await page.locator('#nav').isVisible(), false);
        assert.equal(await page.evaluate(() => sessionStorage.length), 0);
        await page.goto(`${BASE}/#/board`);
        await page.waitForURL(/#\/login$/);
        assert.deepEqual(page.problems, []);
    });
});
