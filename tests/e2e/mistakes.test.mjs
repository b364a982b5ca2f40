// A person who makes mistakes: a session that ends (a log out in another tab, an expired token)
// while a form is being filled. The login page says why in words, and once the same person has
// logged in again the form comes back with what they had typed (web/js/navigate.js); another
// person logging in on that tab sees none of it. And one who goes to another view while a save
// is still on its way: the answer no longer takes them back to what they saved. And one who
// writes a salary as people do ("80k", "95,000"): it is read as the amount they meant.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, PASSWORD, assertNoProblems, call, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

/* Logs in through the login page the 401 led to. */
async function logInAgain(page, username) {
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
}

describe('a session that ends in the middle of a form', () => {
    let browser;

    before(async () => {
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
    });

    it('says so in words and gives the typed job back after logging in again', async () => {
        const user = await registerApi('draft');
        const page = await newPage(browser);
        await signIn(page, user.token, '#/jobs/new');
        await page.locator('#job-company').fill('Typed Company');
        await page.locator('#job-title').fill('Typed Title');
        await page.locator('#job-remote-option').selectOption('remote');
        await page.locator('#job-description').fill('A description typed at length.\nSecond line.');
        await call(user.token, 'POST', '/auth/logout'); // as another tab's Log out would
        await page.getByTestId('job-submit').click();

        await page.waitForURL(/#\/login$/);
        // the notice was cleared by the form's own error display before
        await page.getByTestId('flash').filter({ hasText: 'Your session has ended; please log in again.' }).waitFor();
        assert.equal(await page.locator('[data-testid=form-error]:visible').count(), 0, 'no "There is a problem" on the login page');

        await logInAgain(page, user.username);
        await page.waitForURL(/#\/jobs\/new$/);
        await page.getByTestId('flash').filter({ hasText: 'What you typed before your session ended is back' }).waitFor();
        assert.equal(await page.locator('#job-company').inputValue(), 'Typed Company');
        assert.equal(await page.locator('#job-title').inputValue(), 'Typed Title');
        assert.equal(await page.locator('#job-remote-option').inputValue(), 'remote');
        assert.equal(await page.locator('#job-description').inputValue(), 'A description typed at length.\nSecond line.');
        assert.equal((await page.locator('#job-location').inputValue()), '');

        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/jobs\/\d+$/);
        const jobs = await call(await loginToken(user.username), 'GET', '/jobs');
        assert.equal(jobs.total, 1);
        assert.equal(jobs.items[0].company, 'Typed Company');
        assert.equal(jobs.items[0].remote_option, 'remote');

        // kept once: the form opened again is empty
        await page.goto(`${BASE}/#/jobs/new`);
        await page.locator('#job-company').waitFor();
        assert.equal(await page.locator('#job-company').inputValue(), '');
        assertNoProblems(page);
        await page.context().close();
    });

    it('keeps an edit typed into a filled form, and gives another user nothing', async () => {
        const user = await registerApi('draftedit');
        const job = await call(user.token, 'POST', '/jobs', { company: 'Initech', title: 'Analyst', location: 'Austin' });
        const page = await newPage(browser);
        await signIn(page, user.token, `#/jobs/${job.id}/edit`);
        await page.locator('#job-notes').fill('Call Bill on Monday');
        await call(user.token, 'POST', '/auth/logout');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/login$/);

        // someone else logs in on this tab and opens that address: nothing of the first user
        const other = await registerApi('draftother');
        const theirs = await call(other.token, 'POST', '/jobs', { company: 'Hooli', title: 'Engineer' });
        await logInAgain(page, other.username);
        await page.waitForURL(/#\/jobs\/\d+\/edit$/); // the address kept for after signing in
        await page.goto(`${BASE}/#/jobs/${theirs.id}/edit`);
        await page.locator('#job-notes').waitFor();
        assert.equal(await page.locator('#job-notes').inputValue(), '');
        assert.equal(await page.getByTestId('flash').filter({ hasText: 'What you typed' }).count(), 0);
        assert.equal(await page.evaluate(() => sessionStorage.getItem('copilot.draft')), null, 'dropped for another user');
        await page.context().close();
    });

    it('brings back an edit to the user who typed it, only the field they changed', async () => {
        const user = await registerApi('draftback');
        const job = await call(user.token, 'POST', '/jobs', { company: 'Initech', title: 'Analyst', location: 'Austin' });
        const page = await newPage(browser);
        await signIn(page, user.token, `#/jobs/${job.id}/edit`);
        await page.locator('#job-notes').fill('Call Bill on Monday');
        // meanwhile the location is changed elsewhere: shown data is not a draft
        await call(user.token, 'PATCH', `/jobs/${job.id}`, { location: 'Dallas' });
        await call(user.token, 'POST', '/auth/logout');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/login$/);
        await logInAgain(page, user.username);
        await page.waitForURL(new RegExp(`#/jobs/${job.id}/edit$`));
        await page.getByTestId('flash').filter({ hasText: 'What you typed before your session ended is back' }).waitFor();
        assert.equal(await page.locator('#job-notes').inputValue(), 'Call Bill on Monday');
        assert.equal(await page.locator('#job-location').inputValue(), 'Dallas');
        assertNoProblems(page);
        await page.context().close();
    });
});

describe('a save still on its way when the reader moves on', () => {
    let browser;

    before(async () => {
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
    });

    it('leaves the reader on the view they chose and says what was saved there', async () => {
        const user = await registerApi('away');
        const page = await newPage(browser);
        await signIn(page, user.token, '#/jobs/new');
        // the new job's POST is held until the reader is on the board
        let release;
        const onBoard = new Promise((resolve) => { release = resolve; });
        await page.route('**/api/v1/jobs', async (route) => {
            if (route.request().method() === 'POST') await onBoard;
            await route.continue();
        });
        await page.locator('#job-company').fill('Away Corp');
        await page.locator('#job-title').fill('Saved While Away');
        await page.getByTestId('job-submit').click();
        await page.locator('#nav a[href="#/board"]').click();
        await page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
        release();
        await page.getByTestId('flash').filter({ hasText: 'Added the job “Saved While Away” at Away Corp.' }).waitFor();
        assert.match(page.url(), /#\/board$/, 'still on the board');
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Board');
        const jobs = await call(user.token, 'GET', '/jobs');
        assert.equal(jobs.total, 1);
        await page.unroute('**/api/v1/jobs');

        // staying on the form, a save goes on to the job as before
        await page.goto(`${BASE}/#/jobs/new`);
        await page.locator('#job-company').fill('Here Corp');
        await page.locator('#job-title').fill('Saved Here');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/jobs\/\d+$/);
        await page.getByTestId('flash').filter({ hasText: 'Job added.' }).waitFor();
        assertNoProblems(page);
        await page.context().close();
    });
});

describe('a salary written as people write it', () => {
    let browser;

    before(async () => {
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
    });

    it('reads 80k and 95,000 on the job form, and 60k as the minimum salary', async () => {
        const user = await registerApi('salary');
        const page = await newPage(browser);
        await signIn(page, user.token, '#/jobs/new');
        await page.locator('#job-company').fill('Thousands Inc');
        await page.locator('#job-title').fill('Counted Engineer');
        await page.locator('#job-salary-min').fill('80k');
        await page.locator('#job-salary-max').fill('95,000');
        await page.locator('#job-currency').fill('usd');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/jobs\/\d+$/);
        const id = Number(page.url().match(/(\d+)$/)[1]);
        const job = await call(user.token, 'GET', `/jobs/${id}`);
        assert.equal(job.salary_min, 80000);
        assert.equal(job.salary_max, 95000);

        // the edit form shows the numbers; "82.5k" typed there is 82,500
        await page.goto(`${BASE}/#/jobs/${id}/edit`);
        await page.locator('#job-salary-min').fill('82.5k');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(new RegExp(`#/jobs/${id}$`));
        assert.equal((await call(user.token, 'GET', `/jobs/${id}`)).salary_min, 82500);

        await open(page, '#/account', 'Account');
        await page.locator('#prefs-min-salary').fill('60k');
        await page.getByTestId('preferences-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Preferences saved.' }).waitFor();
        assert.equal((await call(user.token, 'GET', '/users/me/preferences')).min_salary, 60000);
        assertNoProblems(page);
        await page.context().close();
    });
});

async function loginToken(username) {
    const session = await call(null, 'POST', '/auth/login', { username, password: PASSWORD });
    return session.access_token;
}
