// The first hour of a new account (thirty-fourth round): what a person who has just registered
// reads in the views that depend on data they have not given yet: the learning tab's best-rated
// fallback says why it is one; an empty month of the calendar's grid says where its dates come
// from; a salary spread whose jobs name no top reads "from £80,000"; a profile without skills is
// said to be the reason nothing matches (dashboard, recommendations, the job's match, learning); a
// résumé that could not be read says so first, in a sentence, with no notice of success; a
// dashboard with jobs and no application says how it starts to fill; a company's name typed as a
// job source is answered with what to paste, and its refusal said once by the field; the skill
// gap names the missing skills the primary résumé lists but the profile does not; an interview's
// answer box asks for what its kind is scored on.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, awayFromMidnight, call, checkA11y, FIXTURES, launch, newPage, open, registerApi, shot, signIn } from './helpers.mjs';

describe('first hour of a new account', () => {
    let browser, page, user, job;

    before(async () => {
        await awayFromMidnight();
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('newcomer');
        await signIn(page, user.token, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('says why the learning tab shows best-rated resources while there is no job', async () => {
        await open(page, '#/learning/recommended', 'Learning');
        const basis = page.getByTestId('recommended-basis');
        assert.match(await basis.textContent(), /no jobs yet.*best rated/);
        assert.equal(await basis.getByRole('link', { name: 'Add jobs' }).getAttribute('href'), '#/jobs/new');
        await checkA11y(page, 'learning, recommended, no jobs');
    });

    it('says where the dates of an empty month come from, in the grid as in the agenda', async () => {
        await open(page, '#/calendar', 'Calendar');
        const note = page.getByTestId('calendar-month-empty');
        assert.match(await note.textContent(), /follow-up or an interview.*task a due date/);
        assert.equal(await note.getByRole('link', { name: 'Tasks' }).getAttribute('href'), '#/tasks');
        await shot(page, 'first-hour-calendar');
        await checkA11y(page, 'calendar, empty month');
        // a date in the month: the grid shows it and the note goes
        await call(user.token, 'POST', '/tasks', { title: 'Write to Northwind', due_date: new Date().toISOString().slice(0, 10) });
        await open(page, '#/calendar', 'Calendar');
        await page.getByTestId('calendar-event').first().waitFor();
        assert.equal(await page.getByTestId('calendar-month-empty').count(), 0);
    });

    it('says a salary spread without a top as "from", never with a dangling dash', async () => {
        job = await call(user.token, 'POST', '/jobs', { company: 'Northwind', title: 'Backend Engineer',
            tech_stack: ['Python', 'SQL'], salary_min: 80000, currency: 'GBP' });
        await open(page, '#/dashboard', 'Dashboard');
        const text = (await page.getByTestId('salaries-table').locator('.bar-note').first().textContent()).replace(/\s+/g, ' ');
        assert.equal(text, 'from £80,000', 'one job: its average is its range, said once');
        assert.doesNotMatch(text, /– ;|–\s*$/);
        assertNoProblems(page);
    });

    it('tells a profile without skills why every skill is missing, wherever a match is shown', async () => {
        await open(page, '#/dashboard', 'Dashboard');
        const gap = page.getByTestId('no-skills');
        assert.match(await gap.textContent(), /ask for 2 skills.*profile lists none/);
        assert.equal(await gap.getByRole('link', { name: 'Add your skills on the account page' }).getAttribute('href'), '#/account');
        assert.equal(await page.getByTestId('missing-skills').count(), 0, 'no "Learn Python" for a profile that lists nothing');
        await shot(page, 'first-hour-dashboard');
        await checkA11y(page, 'dashboard, no skills');

        await open(page, '#/recommendations', 'Recommended jobs');
        await page.getByTestId('recommendation').first().waitFor();
        assert.match(await page.getByTestId('no-skills').textContent(), /No skills of yours are known yet/);

        await open(page, `#/jobs/${job.id}`, 'Backend Engineer');
        await page.getByTestId('match-score').waitFor();
        assert.match(await page.getByTestId('match').getByTestId('no-skills').textContent(), /No skills of yours are known yet/);
        await checkA11y(page, 'job page, no skills');

        await open(page, '#/learning/recommended', 'Learning');
        await page.getByTestId('recommended-resources').waitFor();
        assert.match(await page.getByTestId('no-skills').textContent(), /profile lists no skills yet/);
    });

    it('drops the notes once the profile lists skills', async () => {
        await call(user.token, 'PATCH', '/users/me', { skills: ['Python'] });
        await open(page, '#/dashboard', 'Dashboard');
        await page.getByTestId('missing-skills').waitFor();
        assert.equal(await page.getByTestId('no-skills').count(), 0);
        await open(page, '#/recommendations', 'Recommended jobs');
        await page.getByTestId('recommendation').first().waitFor();
        assert.equal(await page.getByTestId('no-skills').count(), 0);
        await open(page, `#/jobs/${job.id}`, 'Backend Engineer');
        await page.getByTestId('match-score').waitFor();
        assert.equal(await page.getByTestId('no-skills').count(), 0);
    });

    it('says first, in a sentence, that an uploaded résumé could not be read, with no notice of success', async () => {
        await open(page, '#/resumes', 'Résumés');
        await page.getByTestId('resume-input').setInputFiles(`${FIXTURES}/broken.docx`);
        await page.waitForURL(/#\/resumes\/\d+$/);
        const error = page.getByTestId('parsing-error');
        assert.match(await error.textContent(), /^This file could not be read: the document XML is malformed\. Try a PDF/);
        assert.equal(await error.getByRole('link', { name: 'upload another file' }).getAttribute('href'), '#/resumes');
        // above the actions, where it is read first
        const [errorBox, actions] = [await error.boundingBox(), await page.getByTestId('download-resume').boundingBox()];
        assert.ok(errorBox.y < actions.y, 'the reason shows above the buttons');
        assert.equal(await page.getByTestId('flash').isVisible(), false, 'no green "Uploaded …" over an unreadable file');
        // a newcomer's first upload, but unreadable: not made the primary résumé
        assert.equal(await page.getByText('Primary résumé', { exact: true }).count(), 0, 'no primary badge on an unreadable file');
        assert.doesNotMatch(await page.getByTestId('make-primary').getAttribute('class') || '', /primary/);
        await shot(page, 'first-hour-resume-failed');
        await checkA11y(page, 'résumé that could not be read');
        // a second one: making it primary is offered, not urged; the list shows no primary either
        await open(page, '#/resumes', 'Résumés');
        await page.getByTestId('resume-input').setInputFiles(`${FIXTURES}/broken.docx`);
        await page.getByTestId('parsing-error').waitFor();
        assert.doesNotMatch(await page.getByTestId('make-primary').getAttribute('class') || '', /primary/);
        await open(page, '#/resumes', 'Résumés');
        await page.getByText('Could not be read').first().waitFor();
        assert.equal(await page.getByTestId('resume').getByText('Primary', { exact: true }).count(), 0, 'no "Primary" badge in the list');
        // and the job page does not name an unreadable file as the résumé it is matched with
        await open(page, `#/jobs/${job.id}`);
        const choice = page.getByTestId('job-resume').getByLabel('Résumé').locator('option:checked');
        assert.equal(await choice.textContent(), 'The primary résumé (none yet: your profile alone)');
        assertNoProblems(page);
    });

    it('tells a user with jobs and no application how the dashboard starts to fill', async () => {
        await open(page, '#/dashboard', 'Dashboard');
        const next = page.getByTestId('dashboard-next');
        assert.match(await next.textContent(), /You have 1 job and no application yet\..*Track application/);
        assert.equal(await next.getByRole('link', { name: 'See your best matches' }).getAttribute('href'), '#/recommendations');
        await checkA11y(page, 'dashboard, jobs and no application');
        await call(user.token, 'POST', '/applications', { job_id: job.id });
        await open(page, '#/dashboard', 'Dashboard');
        await page.getByTestId('funnel-table').waitFor();
        assert.equal(await page.getByTestId('dashboard-next').count(), 0);
        assertNoProblems(page);
    });

    it('tells a company name typed as a job source what to paste, and says a refusal once by the field', async () => {
        await open(page, '#/sources', 'Job sources');
        await page.locator('#source-url').fill('Acme');
        await page.getByTestId('source-recognised').filter({ hasText: '“Acme” is not an address: paste the whole address of the board or feed, for example jobs.lever.co/acme.' }).waitFor();
        await page.getByTestId('source-add').click();
        await page.getByTestId('source-error').waitFor();
        assert.equal(await page.getByTestId('source-recognised').textContent(), '', 'the live line gives way to the error');
        const form = (await page.getByTestId('source-form').textContent()).replace(/\s+/g, ' ');
        assert.equal(form.split('starts with http:// or https://').length - 1, 2, 'the summary and the field, not a third time');
        await checkA11y(page, 'sources, an address refused');
        assertNoProblems(page);
    });

    it('says which missing skills the primary résumé names, and that the gap counts the profile only', async () => {
        await open(page, '#/resumes', 'Résumés');
        await page.getByTestId('resume-input').setInputFiles(`${FIXTURES}/resume.pdf`);
        await page.waitForURL(/#\/resumes\/\d+$/);
        const id = page.url().match(/#\/resumes\/(\d+)$/)[1];
        // the first readable upload is the primary one (the two before could not be read)
        await page.getByText('Primary résumé', { exact: true }).waitFor();
        assert.equal(await page.getByTestId('make-primary').count(), 0);
        await call(user.token, 'POST', '/jobs', { company: 'Initech', title: 'Platform Engineer', tech_stack: ['Kubernetes', 'Go', 'Terraform'] });
        await open(page, '#/dashboard', 'Dashboard');
        const note = page.getByTestId('resume-skills');
        const text = await note.textContent();
        assert.match(text, /^Your résumé names .*Kubernetes.*, which your profile does not list yet: the job matches count them, this gap does not\./);
        assert.match(text, /\bGo\b/);
        assert.doesNotMatch(text, /Terraform/, 'a skill the résumé does not name is not said to be in it');
        assert.equal(await note.getByRole('link', { name: 'Add them from your résumé' }).getAttribute('href'), `#/resumes/${id}`);
        await checkA11y(page, 'dashboard, skills read from the résumé');
        // added to the profile: the note goes
        await call(user.token, 'POST', `/resumes/${id}/apply-skills`);
        await open(page, '#/dashboard', 'Dashboard');
        await page.getByTestId('missing-skills').waitFor();
        assert.equal(await page.getByTestId('resume-skills').count(), 0);
        assertNoProblems(page);
    });

    it('asks for an answer the way each kind of interview is scored, not the story of a situation for a technical one', async () => {
        const hints = {};
        for (const kind of ['technical', 'behavioral', 'system_design']) {
            const session = await call(user.token, 'POST', '/interviews', { interview_type: kind, total_questions: 1 });
            await call(user.token, 'POST', `/interviews/${session.id}/start`);
            await open(page, `#/interviews/${session.id}`);
            await page.locator('#answer-text').waitFor();
            hints[kind] = await page.getByTestId('question-form').locator('.hint').first().textContent();
        }
        assert.match(hints.technical, /^Explain it as you would aloud: .*an example from your own work, and its limits or trade-offs\.$/);
        assert.match(hints.behavioral, /^Answer as you would say it: the situation, what you did and why, and the result\.$/);
        assert.match(hints.system_design, /^Think aloud: the requirements you assume/);
        await checkA11y(page, 'a system design question');
        assertNoProblems(page);
    });
});
