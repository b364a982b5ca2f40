// Small things on the page (the thirty-seventh round, docs/web.md): what a newcomer trips on after
// the thirty-sixth round's walk. The writing view says who wrote a text once (the notice repeated
// the line under the title); a list's range names one row as "1 of 1" (never "1–1 of 1"), the last
// page's lone row as "21 of 21", and an address past the end (a row deleted since) opens the last
// page rather than "No contacts yet" beside "51–50 of 1"; every form's required fields say
// "(required)" in their labels, the same way (the task form's said "Task", the contact form's
// "Name (required)").

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, checkA11y, launch, many, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('small things on the page', () => {
    let browser, page, u, jobId;

    before(async () => {
        browser = await launch();
        u = await registerApi('small');
        jobId = (await call(u.token, 'POST', '/jobs', { company: 'Initech', title: 'Go Developer' })).id;
        await call(u.token, 'POST', '/tasks', { title: 'Send the portfolio', job_id: jobId });
        await call(u.token, 'POST', '/contacts', { name: 'Ann Recruiter', company: 'Initech' });
        await call(u.token, 'POST', '/content', { content_type: 'cover_letter', job_id: jobId });
        await call(u.token, 'POST', '/interviews', { job_id: jobId, interview_type: 'behavioral', total_questions: 3 });
        page = await newPage(browser);
        await signIn(page, u.token, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('names a list of one row "1 of 1", on every paged list', async () => {
        for (const [hash, heading, testid] of [
            ['#/jobs', 'Jobs', 'jobs-total'],
            ['#/tasks', 'Tasks', 'pager-range'],
            ['#/contacts', 'Contacts', 'pager-range'],
            ['#/writing', 'Writing', 'pager-range'],
            ['#/interviews', 'Interview practice', 'pager-range'],
        ]) {
            await open(page, hash, heading);
            const range = page.getByTestId(testid);
            await range.waitFor();
            assert.equal(await range.textContent(), '1 of 1', hash);
        }
        assertNoProblems(page);
    });

    it('says who wrote a new text once, under its title', async () => {
        await open(page, `#/writing?job=${jobId}`, 'Writing');
        await page.getByTestId('generate-submit').click();
        await page.waitForURL(/#\/writing\/\d+$/);
        await page.getByTestId('generator').waitFor();
        const said = await page.locator('#view').evaluate((el) => el.textContent.match(/written by the built-in generator/gi) || []);
        // the subtitle and the first version's note in the history, not a notice as well
        assert.equal(said.length, 2, said.join(' | '));
        assert.equal(await page.getByTestId('flash').filter({ hasText: /written by/i }).count(), 0);
        assertNoProblems(page);
    });

    it('names the last page\'s lone row alone, and opens the last page for an address past the end', async () => {
        const v = await registerApi('smallpages');
        await many(21, (i) => call(v.token, 'POST', '/contacts', { name: `Contact ${String(i).padStart(2, '0')}` }));
        await many(21, (i) => call(v.token, 'POST', '/jobs', { company: `Co ${i}`, title: `Role ${i}` }));
        const p = await newPage(browser);
        await signIn(p, v.token, '#/jobs?offset=20');
        await p.getByTestId('jobs-total').filter({ hasText: '21 of 21' }).waitFor();
        assert.equal(await p.getByTestId('job-row').count(), 1);

        // 21 contacts fit one page of 50: an address kept from a longer list opens that page
        await open(p, '#/contacts?offset=50', 'Contacts');
        await p.waitForURL((url) => !/offset=/.test(url.hash));
        await p.getByTestId('contacts').waitFor();
        assert.equal(await p.getByTestId('contacts-empty').count(), 0);
        assert.equal(await p.getByTestId('pager-range').textContent(), '1–21 of 21');

        // the jobs' page past the end opens the last page (as a page number past it does)
        await open(p, '#/jobs?offset=100', 'Jobs');
        await p.waitForURL(/offset=20/);
        await p.getByTestId('jobs-total').filter({ hasText: '21 of 21' }).waitFor();
        assertNoProblems(p);
    });

    it('says "(required)" by every required field, in every form', async () => {
        const forms = [
            ['#/tasks', 'Tasks', ['Task (required)']],
            ['#/contacts/new', 'Add a contact', ['Name (required)']],
            ['#/jobs/new', 'Add a job', ['Company (required)', 'Title (required)']],
            ['#/sources', 'Job sources', ['Board or feed address (required)']],
            ['#/feedback', 'Feedback', ['Title (required)', 'Description (required)']],
            ['#/account', 'Account', ['Current password (required)', 'New password (required)']],
            [`#/jobs/${jobId}`, 'Go Developer', ['Task (required)']],
        ];
        for (const [hash, heading, labels] of forms) {
            await open(page, hash, heading);
            for (const text of labels) assert.equal(await page.getByLabel(text, { exact: true }).count(), 1, `${hash}: ${text}`);
            // the same way everywhere: a required control's label says so, and no other label does
            const mismatched = await page.locator('#view').evaluate((view) => [...view.querySelectorAll('label[for]')]
                .map((label) => [label.textContent, document.getElementById(label.getAttribute('for'))])
                .filter(([text, control]) => control && control.type !== 'checkbox'
                    && control.required !== /\(required\)$/.test(text.trim()))
                .map(([text]) => text));
            assert.deepEqual(mismatched, [], hash);
            assert.equal(await page.locator('#view label').filter({ hasText: '(optional)' }).count(), 0, hash);
        }
        await open(page, '#/tasks', 'Tasks');
        await checkA11y(page, 'tasks form');
        assertNoProblems(page);
    });
});
