// Recommended jobs: ranked with score bars and reasons; "Helpful" visibly moves a job up the
// ranking; excluded companies are hidden and counted.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOBS } from './data.mjs';
import { assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('recommendations', () => {
    let browser, page, user;
    const ids = {};

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('recs');
        await call(user.token, 'PATCH', '/users/me', { skills: ['Go', 'PostgreSQL', 'Docker'], experience_level: 'senior' });
        for (const job of JOBS) ids[job.company] = (await call(user.token, 'POST', '/jobs', { ...job, location: 'Berlin', remote_option: null })).id;
        // as close to Delta Data as a job gets (one shared skill of two, created later, so ranked
        // just above it): one "helpful" mark on Delta Data must lift it past this one
        ids['Zeta Analytics'] = (await call(user.token, 'POST', '/jobs', { company: 'Zeta Analytics', title: 'Senior Data Analyst', location: 'Berlin', tech_stack: ['PostgreSQL', 'Tableau'] })).id;
        await signIn(page, user.token, '#/recommendations');
    });
    after(async () => {
        await browser?.close();
    });

    const ranking = async () => (await page.getByTestId('recommendation').evaluateAll((els) => els.map((e) => Number(e.dataset.jobId))));

    it('ranks the jobs with a score bar and the reasons', async () => {
        await open(page, '#/recommendations', 'Recommended jobs');
        const order = await ranking();
        assert.equal(order.length, JOBS.length + 1);
        assert.equal(order[order.length - 1], ids['Epsilon Web'], 'the job with none of your skills comes last');
        const first = page.getByTestId('recommendation').first();
        assert.match(await first.getByTestId('match-score').textContent(), /^\d+ \/ 100$/);
        assert.equal(await first.getByRole('progressbar').count(), 1);
        assert.match(await first.textContent(), /Matches \d+ of \d+ skills?/);
        // the skill chips say in words which are yours and which to learn, not by colour alone
        const gamma = page.locator(`[data-testid="recommendation"][data-job-id="${ids['Gamma Cloud']}"]`);
        const have = gamma.getByRole('list', { name: 'Skills you have' });
        const learn = gamma.getByRole('list', { name: 'Skills to learn' });
        assert.deepEqual((await have.locator('li').allTextContents()).sort(), ['Go', 'PostgreSQL']);
        assert.deepEqual(await learn.locator('li').allTextContents(), ['Kubernetes']);
        assert.ok(await gamma.getByText('Skills you have:', { exact: true }).isVisible());
        assert.ok(await gamma.getByText('Skills to learn:', { exact: true }).isVisible());
        // a job in "Remote" that is remote says it once
        const remote = await call(user.token, 'POST', '/jobs', { company: 'Omega Remote', title: 'Go Developer', location: 'Remote', remote_option: 'remote', tech_stack: ['Go'] });
        await open(page, '#/recommendations', 'Recommended jobs');
        const meta = page.locator(`[data-testid="recommendation"][data-job-id="${remote.id}"]`).getByTestId('recommendation-meta');
        assert.equal(await meta.textContent(), 'Remote');
        await call(user.token, 'DELETE', `/jobs/${remote.id}`);
        await open(page, '#/recommendations', 'Recommended jobs');
        await checkA11y(page, 'recommendations');
    });

    it('moves a job up the ranking when it is marked helpful', async () => {
        const before = await ranking();
        const item = page.locator(`[data-testid="recommendation"][data-job-id="${ids['Delta Data']}"]`);
        const rank = before.indexOf(ids['Delta Data']) + 1;
        await item.getByTestId('helpful').click();
        await page.getByTestId('flash').filter({ hasText: 'Thanks.' }).waitFor();
        const after = await ranking();
        const now = after.indexOf(ids['Delta Data']) + 1;
        assert.ok(now < rank, `Delta Data stayed at ${rank} (now ${now})`);
        await page.getByTestId('flash').filter({ hasText: new RegExp(`moved from number ${rank} to ${now}`) }).waitFor();
        const moved = page.locator(`[data-testid="recommendation"][data-job-id="${ids['Delta Data']}"]`);
        assert.match(await moved.getByTestId('rank-move').textContent(), /up/);
        assert.equal(await moved.getByTestId('helpful').getAttribute('aria-pressed'), 'true');
        // plain words: an emoji shows as an empty box where no emoji font is installed
        assert.equal((await moved.getByTestId('helpful').textContent()).trim(), 'Helpful');
        assert.equal((await moved.getByTestId('not-helpful').textContent()).trim(), 'Not helpful');
        // the rank is said once ("#1"), not also by a list number in front of it
        assert.equal(await moved.evaluate((li) => getComputedStyle(li).listStyleType), 'none');
    });

    it('says what holds a job back, and sends the reason of a mark', async () => {
        await open(page, '#/recommendations', 'Recommended jobs');
        const epsilon = page.locator(`[data-testid="recommendation"][data-job-id="${ids['Epsilon Web']}"]`);
        assert.match(await epsilon.getByTestId('drawbacks').textContent(), /Shares none of your skills; it asks for React, TypeScript/);
        const beta = page.locator(`[data-testid="recommendation"][data-job-id="${ids['Beta Labs']}"]`);
        await beta.getByLabel('Why?').selectOption('location');
        await beta.getByTestId('not-helpful').click();
        await page.getByTestId('flash').filter({ hasText: 'Thanks.' }).waitFor();
        const mark = await call(user.token, 'GET', `/jobs/${ids['Beta Labs']}/recommendation-feedback`);
        assert.equal(mark.is_helpful, false);
        assert.equal(mark.reason, 'location');
        await checkA11y(page, 'recommendations with reasons');
    });

    it('hides the companies excluded in the preferences and says how many', async () => {
        await open(page, '#/account', 'Account');
        await page.locator('#prefs-excluded-companies').fill('Gamma Cloud');
        await page.getByTestId('preferences-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Preferences saved.' }).waitFor();
        await open(page, '#/recommendations', 'Recommended jobs');
        assert.ok(!(await ranking()).includes(ids['Gamma Cloud']));
        assert.match(await page.getByTestId('excluded').textContent(), /1 job hidden/);
        assertNoProblems(page);
    });
});
