// Feedback and administration: a user sends feedback and votes on it (and takes the vote
// back); a non-administrator finds no admin link and a "for administrators only" page; the
// administrator (made with `copilot user create --admin` by tests/e2e/run) sees the system's
// figures, answers the feedback, makes the user an administrator and deletes another user.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, BASE, assertNoProblems, call, checkA11y, launch, loginApi, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('feedback and admin', () => {
    let browser, page, user, doomed;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('voter');
        doomed = await registerApi('doomed');
        // jobs from two sources, the later one in the API's order the bigger (for the admin figures)
        await call(user.token, 'POST', '/jobs', { company: 'Hand Made', title: 'Engineer', source: 'manual' });
        for (let n = 0; n < 3; n++) await call(user.token, 'POST', '/jobs', { company: `Indeed ${n}`, title: 'Engineer', source: 'indeed' });
        await signIn(page, user.token, '#/feedback');
    });
    after(async () => {
        await browser?.close();
    });

    it('sends feedback and votes on it', async () => {
        await open(page, '#/feedback', 'Feedback');
        await page.getByTestId('feedback-empty').waitFor();
        await page.getByTestId('feedback-submit').click();
        await page.getByTestId('feedback-error').waitFor();
        assert.match(await page.getByTestId('feedback-error').textContent(), /Title/);
        assert.doesNotMatch(await page.getByTestId('feedback-error').textContent(), /\btitle\b/);
        // an empty field is "required", not "must be 1 to 255 characters"
        assert.match(await page.getByTestId('feedback-error').textContent(), /Title is required\./);
        assert.equal(await page.locator('#fb-title-error').textContent(), 'Title is required.');
        await page.locator('#fb-type').selectOption('bug_report');
        await page.locator('#fb-title').fill('Board jumps after a move');
        await page.locator('#fb-description').fill('The page scrolls to the top after I move a card.');
        await page.getByTestId('feedback-submit').click();
        const item = page.getByTestId('feedback-item').first();
        await item.waitFor();
        assert.match(await item.textContent(), /Board jumps after a move.*Open.*Bug report/);
        await item.getByTestId('vote-up').click();
        await item.getByTestId('vote-score').filter({ hasText: '1' }).waitFor();
        assert.equal(await item.getByTestId('vote-up').getAttribute('aria-pressed'), 'true');
        await item.getByTestId('vote-up').click();
        await item.getByTestId('vote-score').filter({ hasText: '0' }).waitFor();
        assert.equal(await item.getByTestId('vote-up').getAttribute('aria-pressed'), 'false');
        await item.getByTestId('vote-down').click();
        await item.getByTestId('vote-score').filter({ hasText: '-1' }).waitFor();
        await checkA11y(page, 'feedback');
    });

    it('keeps the admin pages from a user who is not an administrator', async () => {
        assert.equal(await page.getByTestId('nav-admin').isVisible(), false);
        await open(page, '#/admin', 'For administrators only');
        assertNoProblems(page);
    });

    it('lets the administrator answer feedback, make the user an administrator and delete a user', async () => {
        const admin = await newPage(browser);
        await admin.goto(`${BASE}/#/login`);
        await admin.locator('#login-username').fill(ADMIN.username);
        await admin.locator('#login-password').fill(ADMIN.password);
        await admin.getByTestId('login-submit').click();
        await admin.getByTestId('nav-admin').waitFor();
        await admin.getByTestId('nav-admin').click();
        await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
        // "(1 administrator)", "(2 administrators)": the word agrees with the count
        const [, admins, word] = /users \((\d+) (administrators?)\)/.exec(await admin.getByTestId('admin-figures').textContent());
        assert.equal(word, Number(admins) === 1 ? 'administrator' : 'administrators');
        // the sources by number of jobs, most first (as on the dashboard)
        const counts = (await admin.getByTestId('admin-sources').locator('.bar-value').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
        assert.ok(counts.length >= 2, 'the e2e users\' jobs come from several sources');
        assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
        await checkA11y(admin, 'admin');

        const row = admin.locator(`[data-testid="user-row"][data-username="${user.username}"]`);
        if (!(await row.count())) {
            // The user may be on a later page of the list.
            while (!(await row.count())) await admin.getByTestId('page-next').click();
        }
        await row.getByTestId('make-admin').click();
        await admin.getByTestId('confirm-ok').click();
        await admin.getByTestId('flash').filter({ hasText: `${user.username} is now an administrator.` }).waitFor();
        assert.equal((await call(user.token, 'GET', '/users/me')).is_admin, true);

        const victim = admin.locator(`[data-testid="user-row"][data-username="${doomed.username}"]`);
        while (!(await victim.count())) await admin.getByTestId('page-next').click();
        await victim.getByTestId('delete-user').click();
        await admin.getByTestId('confirm-ok').click();
        await admin.getByTestId('flash').filter({ hasText: `${doomed.username} was deleted.` }).waitFor();
        await call(null, 'POST', '/auth/login', { username: doomed.username, password: 'correct horse battery' }, { expect: 401 });

        await open(admin, '#/feedback', 'Feedback');
        const item = admin.getByTestId('feedback-item').filter({ hasText: 'Board jumps after a move' });
        await item.locator('summary', { hasText: 'Answer as administrator' }).click();
        await item.locator('select[name="status"]').selectOption('planned');
        await item.locator('textarea[name="admin_response"]').fill('Thanks, fixed in the next release.');
        await item.getByTestId('triage-save').click();
        await admin.getByTestId('flash').filter({ hasText: 'Answer saved.' }).waitFor();
        assertNoProblems(admin);
    });

    it('shows the new administrator the admin link and the answer', async () => {
        await signIn(page, await loginApi(user.username), '#/feedback');
        await page.getByTestId('nav-admin').waitFor();
        const item = page.getByTestId('feedback-item').filter({ hasText: 'Board jumps after a move' });
        assert.match(await item.textContent(), /Planned.*Answer: Thanks, fixed in the next release\./);
        assertNoProblems(page);
    });
});
