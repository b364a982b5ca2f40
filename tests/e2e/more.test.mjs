// The rest of the page, for a second user: validation errors naming their field, user text
// shown as text, near duplicates, editing, CSV import, follow-ups, the account page (profile,
// export, password), deleting a job, logging in, deleting the account.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, addJobThroughUi, assertNoProblems, call, checkA11y, downloaded, launch, newPage, registerThroughUi, shot, uniqueName } from './helpers.mjs';

describe('forms, import, follow-ups and account', () => {
    let browser, page;
    const username = uniqueName('more');

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        await registerThroughUi(page, username);
    });
    after(async () => {
        await browser?.close();
    });

    it('shows a validation error in words, with its field marked', async () => {
        await page.goto(`${BASE}/#/jobs/new`);
        await page.locator('#job-company').fill('Initech');
        await page.locator('#job-title').fill('Platform Engineer');
        await page.locator('#job-salary-min').fill('lots');
        await page.getByTestId('job-submit').click();
        await page.getByTestId('form-error').waitFor();
        const summary = await page.getByTestId('form-error').textContent();
        assert.match(summary, /There is a problem/);
        assert.match(summary, /Salary from/);
        assert.doesNotMatch(summary, /salary_min/);
        assert.match(await page.locator('#job-salary-min-error').textContent(), /Salary from/);
        assert.equal(await page.locator('#job-salary-min').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'job-salary-min');
    });

    it('shows what users typed as text, never as markup', async () => {
        const title = '<img src=x onerror="window.pwned=1"> Engineer';
        const id = await addJobThroughUi(page, { company: 'Globex <b>Corp</b>', title, location: 'Oslo' });
        await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Engineer' }).waitFor();
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
        assert.equal(await page.locator('img').count(), 0);
        assert.equal(await page.evaluate(() => window.pwned), undefined);
        await page.goto(`${BASE}/#/jobs`);
        await page.locator(`[data-job-id="${id}"]`).waitFor();
        assert.match(await page.locator(`[data-job-id="${id}"]`).textContent(), /Globex <b>Corp<\/b>/);
    });

    it('lists possible duplicates after creating a similar job', async () => {
        const sre = 'Site Reliability Engineer';
        await addJobThroughUi(page, { company: 'Umbrella Inc', title: sre, location: 'Remote' });
        await addJobThroughUi(page, { company: 'Umbrella', title: `${sre}s`, location: 'Remote US' });
        const notice = page.getByTestId('possible-duplicates');
        await notice.waitFor();
        assert.match(await notice.textContent(), /Site Reliability Engineer at Umbrella Inc/);
    });

    it('edits a job', async () => {
        await page.getByTestId('edit-job').click();
        await page.waitForURL(/\/edit$/);
        assert.equal(await page.locator('#job-company').inputValue(), 'Umbrella');
        // a required field emptied: "is required", never "must not be null"
        const title = await page.locator('#job-title').inputValue();
        await page.locator('#job-title').fill('');
        await page.getByTestId('job-submit').click();
        await page.locator('#job-title-error').filter({ hasText: 'Title is required.' }).waitFor();
        assert.doesNotMatch(await page.locator('#view').innerText(), /null/);
        await page.locator('#job-title').fill(title);
        await page.locator('#job-notes').fill('Ask about on-call.');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(/#\/jobs\/\d+$/);
        await page.getByTestId('job-notes').waitFor();
        assert.match(await page.getByTestId('job-notes').textContent(), /Ask about on-call\./);
    });

    it('imports CSV and reports created, duplicates and errors', async () => {
        await page.goto(`${BASE}/#/jobs`);
        await page.getByText('Import jobs').click();
        const csv = ['company,title,location', 'Hooli,Staff Engineer,Palo Alto',
            'Hooli,Staff Engineer,Palo Alto', ',No Company,Nowhere', ''];
        await page.locator('#import-text').fill(csv.join('\n'));
        await page.getByTestId('import-submit').click();
        const summary = page.getByTestId('import-summary');
        await summary.waitFor();
        assert.equal(await summary.textContent(), 'Created 1, duplicates 1, errors 1.');
        assert.match(await page.getByTestId('import-result').textContent(), /Row 3: Company is required\./);
        assert.doesNotMatch(await page.getByTestId('import-result').textContent(), /null/); // the parts it leaves out
        await page.locator('#import-text').fill('company,title\nfoo\n');
        await page.getByTestId('import-submit').click();
        await page.getByTestId('import-errors').filter({ hasText: 'header row names 2 columns' }).waitFor();
        assert.match(await page.getByTestId('import-errors').textContent(), /Row 1: it has 1 value but the header row names 2 columns/);
        // a quote left open: the line and what to look for, not the reader's "record 2 (line 3)"
        await page.locator('#import-text').fill('company,title\nAcme,"Engineer\n');
        await page.getByTestId('import-submit').click();
        await page.getByTestId('import-errors').filter({ hasText: 'never closed' }).waitFor();
        const quote = await page.getByTestId('import-errors').textContent();
        assert.match(quote, /^Row 1 \(line 2 of the text\): a value opened with a quote \(\"\) is never closed\. Check for a missing quote\.$/);
        assert.doesNotMatch(quote, /record/);
        // a spreadsheet's export with semicolons, and a header alone: why nothing was created
        await page.locator('#import-text').fill('company;title\nAcme;Engineer\n');
        await page.getByTestId('import-submit').click();
        await page.getByTestId('import-hint').filter({ hasText: 'seems to separate its columns with semicolons; the import reads commas' }).waitFor();
        await page.locator('#import-text').fill('company,title,location\n');
        await page.getByTestId('import-submit').click();
        await page.getByTestId('import-hint').filter({ hasText: 'Nothing to import: no rows below the header row.' }).waitFor();
        await page.locator('[data-testid="job-row"]', { hasText: 'Staff Engineer' }).waitFor();
    });

    it('lists a due follow-up, overdue ones marked', async () => {
        const id = await addJobThroughUi(page, { company: 'Vandelay', title: 'Importer', location: 'NYC' });
        await page.getByTestId('track-application').click();
        const input = page.getByLabel('Follow up on');
        await input.waitFor();
        await input.fill('2020-01-02');
        await page.getByTestId('application-save').click();
        await page.getByTestId('flash').filter({ hasText: 'Application saved.' }).waitFor();
        await page.getByTestId('nav-follow-ups').click();
        const item = page.getByTestId('follow-up');
        await item.waitFor();
        assert.equal(await item.getAttribute('data-overdue'), 'true');
        assert.match(await item.textContent(), /Importer at Vandelay.*Overdue since Jan 2, 2020/);
        await checkA11y(page, 'follow-ups');
        assert.equal(await item.getByRole('link').getAttribute('href'), `#/jobs/${id}`);
        // Save without a date asks for one (it cleared the follow-up while saying "saved")
        await item.getByRole('button', { name: 'Save' }).click();
        await item.getByTestId('follow-up-error').filter({ hasText: 'Choose the date of the next follow-up.' }).waitFor();
        const token = await page.evaluate(() => sessionStorage.getItem('copilot.token'));
        assert.equal((await call(token, 'GET', `/applications?job_id=${id}`)).items[0].follow_up_date, '2020-01-02');
        await shot(page, 'follow-ups');
    });

    it('saves the profile and downloads the export', async () => {
        await page.getByTestId('nav-account').click();
        // each form's button sits below its last checkbox, not squeezed beside it
        for (const [box, button] of [['#profile-remote', 'profile-submit'], ['#prefs-notify', 'preferences-submit']]) {
            const check = await page.locator(box).locator('xpath=..').boundingBox();
            const submit = await page.getByTestId(button).boundingBox();
            assert.ok(submit.y >= check.y + check.height, `${button} is below ${box}`);
        }
        await page.locator('#profile-skills').fill('C, SQL,  PostgreSQL , sql'); // each skill once
        await page.locator('#profile-level').selectOption('senior');
        await page.locator('#profile-goal').fill('5');
        await page.locator('#profile-remote').check();
        await page.getByTestId('profile-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Your daily goal is 5 applications.' }).waitFor();
        await page.reload();
        await page.locator('#profile-skills').waitFor();
        assert.equal(await page.locator('#profile-skills').inputValue(), 'C, SQL, PostgreSQL');
        assert.equal(await page.locator('#profile-level').inputValue(), 'senior');
        assert.equal(await page.locator('#profile-remote').isChecked(), true);

        await page.locator('#profile-goal').fill('500');
        await page.getByTestId('profile-submit').click();
        await page.getByTestId('profile-error').waitFor();
        const error = await page.getByTestId('profile-error').textContent();
        assert.match(error, /Daily application goal must be between 0 and 100/);
        assert.doesNotMatch(error, /daily_application_goal/);
        // a negative number is a whole number: the message names the range, as for 500
        await page.locator('#profile-goal').fill('-3');
        await page.getByTestId('profile-submit').click();
        await page.getByTestId('profile-error').filter({ hasText: 'Daily application goal must be between 0 and 100.' }).waitFor();
        await page.locator('#prefs-min-salary').fill('-5');
        await page.getByTestId('preferences-submit').click();
        await page.getByTestId('preferences-error').filter({ hasText: 'Minimum salary must be between 0 and 100,000,000.' }).waitFor();
        await page.locator('#prefs-min-salary').fill('lots');
        await page.getByTestId('preferences-submit').click();
        await page.getByTestId('preferences-error').filter({ hasText: 'Minimum salary must be a whole number.' }).waitFor();
        await checkA11y(page, 'account with an error');

        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByTestId('export-data').click(),
        ]);
        const data = JSON.parse((await downloaded(download)).toString('utf8'));
        assert.equal(data.user.username, username);
        assert.ok(data.jobs.length >= 5);
        await shot(page, 'account');
    });

    it('changes the password', async () => {
        await page.locator('#password-current').fill('wrong password');
        await page.locator('#password-new').fill('a brand new password');
        await page.getByTestId('password-submit').click();
        await page.getByTestId('password-error').waitFor();
        await page.locator('#password-current').fill('correct horse battery');
        await page.getByTestId('password-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Password changed.' }).waitFor();
    });

    it('deletes a job after confirming', async () => {
        await page.getByTestId('nav-jobs').click();
        const row = page.getByTestId('job-row').filter({ hasText: 'Staff Engineer' });
        await row.getByRole('link').click();
        await page.waitForURL(/#\/jobs\/\d+$/);
        await page.getByTestId('delete-job').click();
        await page.getByTestId('confirm-ok').click();
        await page.waitForURL(/#\/jobs$/);
        await page.getByTestId('flash').filter({ hasText: 'Job deleted.' }).waitFor();
        await page.getByTestId('job-row').first().waitFor();
        assert.equal(await page.getByTestId('job-row').filter({ hasText: 'Staff Engineer' }).count(), 0);
    });

    it('logs in with the new password and deletes the account', async () => {
        await page.getByTestId('nav-logout').click();
        await page.waitForURL(/#\/login$/);
        await page.getByLabel('Username or e-mail').fill(`${username}@example.com`);
        await page.getByLabel('Password').fill('a brand new password');
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/#\/dashboard$/);
        // The session ended elsewhere (revoked through the API): the next answer's 401, for the
        // token the tab holds, returns to the login page, and logging in again to the view asked for.
        // (The dashboard first drawn whole: none of its requests is on its way any more.)
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        await page.waitForFunction(() => !document.querySelector('.loading'));
        await call(await page.evaluate(() => sessionStorage.getItem('copilot.token')), 'POST', '/auth/logout');
        await page.getByTestId('nav-account').click();
        await page.waitForURL(/#\/login$/);
        await page.getByTestId('flash').filter({ hasText: 'Your session has ended' }).waitFor();
        await page.getByLabel('Username or e-mail').fill(username);
        await page.getByLabel('Password').fill('a brand new password');
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/#\/account$/);
        await page.getByTestId('nav-account').click();
        // A request of the page still on its way with the account's token (held here until the
        // account is gone, as a slow answer of the view before would be) is refused with a 401
        // after the deletion: that must not send the page on to "Your session has ended" at the
        // login view, away from the register view's "Log in" link.
        let release, sent;
        const held = new Promise((resolve) => { sent = resolve; });
        const gate = new Promise((resolve) => { release = resolve; });
        const late = (url) => url.pathname === '/api/v1/jobs' && url.searchParams.get('q') === 'held request';
        await page.route(late, async (route) => { sent(); await gate; await route.continue(); });
        const answer = page.evaluate(async () => {
            const { api } = await import(new URL('api.js', document.querySelector('script[type=module]').src).href);
            return api.get('/jobs', { q: 'held request' }).then(() => 200, (err) => err.status);
        });
        await held;
        await page.getByTestId('delete-account').click();
        await page.getByTestId('confirm-ok').click();
        await page.waitForURL(/#\/register$/);
        await page.getByTestId('flash').filter({ hasText: 'Your account was deleted.' }).waitFor();
        release();
        assert.equal(await answer, 401, 'the held request is refused: its account is gone');
        // (api.js handles a 401 before it rejects, so the page has done with it by now)
        assert.equal(await page.evaluate(() => location.hash), '#/register');
        await page.unroute(late);

        await page.getByRole('link', { name: 'Log in' }).click();
        await page.getByLabel('Username or e-mail').fill(username);
        await page.getByLabel('Password').fill('a brand new password');
        await page.getByTestId('login-submit').click();
        await page.getByTestId('form-error').waitFor();
        assert.equal(page.url().endsWith('#/login'), true);
        assertNoProblems(page);
    });
});
