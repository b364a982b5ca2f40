// Contacts, tasks and résumé versions in the page (issue 10 parts 2 and 5): a contact added
// (its error in words first), found by search, edited; linked to an application from the job's
// page with a relation, a new contact made there, one unlinked, a "new" one named like an
// existing contact linking that contact (no copy); the contact's page lists its
// application; tasks added on the job's page and on #/tasks, the overdue one marked, one ticked
// done, the filters; due tasks on the dashboard and tasks in the calendar; a résumé labelled
// (a taken label refused with a link) and chosen for a job, whose match then counts its skills.
// Each view is checked with axe, without console errors, and at 390 px.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uploadFixture } from './data.mjs';
import { BASE, assertNoProblems, awayFromMidnight, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

describe('contacts, tasks and résumé versions', () => {
    let browser, page, user, job, app;

    before(async () => {
        // tasks due today are made in one test and read as "Due today" in later ones: one day for all
        await awayFromMidnight();
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('contacts');
        job = await call(user.token, 'POST', '/jobs', { company: 'Northwind', title: 'Data Engineer', location: 'Berlin',
            tech_stack: ['SQL', 'Tableau', 'Pandas'] });
        app = await call(user.token, 'POST', '/applications', { job_id: job.id });
        await call(user.token, 'POST', '/contacts', { name: 'Olga Operations', company: 'Contoso', role: 'Office manager' });
    });
    after(async () => {
        await browser?.close();
    });

    it('adds a contact (an error in words first), finds it by search and edits it', async () => {
        await signIn(page, user.token, '#/contacts');
        await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
        await checkA11y(page, 'contacts');
        await page.getByTestId('add-contact').click();
        await page.getByRole('heading', { level: 1, name: 'Add a contact' }).waitFor();
        await page.locator('#contact-name').fill('   ');
        await page.getByTestId('contact-save').click();
        await page.getByTestId('contact-error').filter({ hasText: 'Name must not be empty.' }).waitFor();
        assert.equal(await page.locator('#contact-name').getAttribute('aria-invalid'), 'true');
        await checkA11y(page, 'contact form with an error');
        await page.locator('#contact-name').fill('Rita Recruiter');
        await page.locator('#contact-email').fill('rita@northwind.example');
        await page.locator('#contact-company').fill('Northwind');
        await page.locator('#contact-linkedin-url').fill('https://www.linkedin.com/in/rita');
        await page.getByTestId('contact-save').click();
        await page.getByRole('heading', { level: 1, name: 'Rita Recruiter' }).waitFor();
        await page.getByTestId('flash').filter({ hasText: 'Rita Recruiter added.' }).waitFor();
        await page.getByTestId('contact-applications-empty').waitFor();
        await page.locator('#contact-role').fill('Talent partner');
        await page.getByTestId('contact-save').click();
        await page.getByTestId('flash').filter({ hasText: 'Contact saved.' }).waitFor();
        assert.equal(await page.locator('#contact-role').inputValue(), 'Talent partner');
        await open(page, '#/contacts?q=northwind', 'Contacts');
        assert.deepEqual(await page.getByTestId('contact-name').allTextContents(), ['Rita Recruiter']);
        assert.match(await page.getByTestId('contact-role').textContent(), /Talent partner at Northwind/);
        await page.locator('#contacts-q').fill('');
        await page.getByTestId('contacts-search').click();
        await page.waitForURL(/#\/contacts$/);
        await page.getByTestId('contact-name').filter({ hasText: 'Olga Operations' }).waitFor();
        assertNoProblems(page);
    });

    it('links contacts to the application on the job page, with a relation; unlinks one', async () => {
        await open(page, `#/jobs/${job.id}`, 'Data Engineer');
        const panel = page.getByTestId('application-panel');
        await panel.getByTestId('application-contacts-empty').waitFor();
        await panel.getByLabel('Contact', { exact: true }).selectOption({ label: 'Rita Recruiter, Northwind' });
        await panel.getByLabel('Relation').selectOption('recruiter');
        await panel.getByTestId('link-contact').click();
        await page.getByTestId('flash').filter({ hasText: 'Rita Recruiter linked as recruiter.' }).waitFor();
        // the list and the form are drawn again after the flash: wait for them, or the next
        // choice goes to the old form while it is replaced
        await panel.getByTestId('linked-contact').filter({ hasText: 'Rita' }).waitFor();
        await panel.getByLabel('Contact', { exact: true }).selectOption('new');
        await panel.getByLabel('Name of the new contact').fill('Ivan Interviewer');
        await panel.getByLabel('Relation').selectOption('interviewer');
        await panel.getByTestId('link-contact').click();
        await page.getByTestId('flash').filter({ hasText: 'Ivan Interviewer linked as interviewer.' }).waitFor();
        const linked = panel.getByTestId('linked-contact');
        await linked.filter({ hasText: 'Ivan' }).waitFor(); // the list is drawn again after the flash
        assert.deepEqual((await linked.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
            ['Ivan Interviewer Interviewer Unlink', 'Rita Recruiter Recruiter Talent partner, Northwind Unlink']);
        await checkA11y(page, 'job page with contacts');
        await linked.filter({ hasText: 'Ivan' }).getByTestId('unlink-contact').click();
        await page.getByTestId('flash').filter({ hasText: 'Ivan Interviewer is no longer linked' }).waitFor();
        await linked.filter({ hasText: 'Ivan' }).waitFor({ state: 'detached' });
        // a "new" contact named like one of yours (another case, spaces) links that one: no copy
        await panel.getByLabel('Contact', { exact: true }).selectOption('new');
        const newName = panel.getByLabel('Name of the new contact');
        const suggested = await page.locator(`#${await newName.getAttribute('list')} option`).evaluateAll((os) => os.map((o) => o.value));
        assert.ok(suggested.includes('Olga Operations') && suggested.includes('Rita Recruiter'), suggested.join());
        await newName.fill('  olga OPERATIONS ');
        await panel.getByLabel('Relation').selectOption('other');
        await panel.getByTestId('link-contact').click();
        await page.getByTestId('flash').filter({ hasText: 'Olga Operations is already one of your contacts: linked that contact as other, no copy made.' }).waitFor();
        await linked.filter({ hasText: 'Olga' }).waitFor();
        const olgas = await call(user.token, 'GET', '/contacts?q=olga');
        assert.deepEqual(olgas.items.map((c) => c.name), ['Olga Operations']);
        await linked.filter({ hasText: 'Olga' }).getByTestId('unlink-contact').click();
        await linked.filter({ hasText: 'Olga' }).waitFor({ state: 'detached' });
        assert.equal(await panel.getByTestId('linked-contact').count(), 1);
        await panel.getByTestId('linked-contact').getByRole('link', { name: 'Rita Recruiter' }).click();
        await page.getByRole('heading', { level: 1, name: 'Rita Recruiter' }).waitFor();
        const apps = page.getByTestId('contact-application');
        assert.equal(await apps.count(), 1);
        assert.match(await apps.textContent(), /Data Engineer at Northwind.*Recruiter.*Interested/);
        assertNoProblems(page);
    });

    it('keeps the application\'s tasks on the job page: add, overdue, done', async () => {
        await open(page, `#/jobs/${job.id}`, 'Data Engineer');
        const section = page.getByTestId('task-section');
        await section.getByTestId('tasks-empty').waitFor();
        await section.getByLabel('Task (required)', { exact: true }).fill('Send the portfolio');
        await section.getByLabel('Due on').fill(day(-2));
        await section.getByLabel('Priority').selectOption('high');
        await section.getByTestId('task-add').click();
        await page.getByTestId('flash').filter({ hasText: 'Task added: Send the portfolio.' }).waitFor();
        const task = section.getByTestId('task').filter({ hasText: 'Send the portfolio' });
        await task.waitFor();
        assert.equal(await task.getAttribute('data-overdue'), 'true');
        assert.match(await task.textContent(), /Overdue.*High priority/);
        await section.getByLabel('Task (required)', { exact: true }).fill('Prepare the case study');
        await section.getByLabel('Due on').fill(day(0));
        await section.getByTestId('task-add').click();
        await section.getByTestId('task').filter({ hasText: 'Prepare the case study' }).filter({ hasText: 'Due today' }).waitFor();
        await checkA11y(page, 'job page with tasks');
        await task.getByLabel('Done: Send the portfolio').check();
        await page.getByTestId('flash').filter({ hasText: 'Done: Send the portfolio.' }).waitFor();
        await section.getByTestId('task').filter({ hasText: 'Send the portfolio' }).filter({ hasText: 'Done' }).waitFor();
        const tasks = await call(user.token, 'GET', `/tasks?application_id=${app.id}&sort=title`);
        assert.deepEqual(tasks.items.map((t) => [t.title, t.done]), [['Prepare the case study', false], ['Send the portfolio', true]]);
        assertNoProblems(page);
    });

    it('#/tasks: adds, filters, edits and ticks; due tasks on the dashboard and in the calendar', async () => {
        await open(page, '#/tasks', 'Tasks');
        await page.getByTestId('task').filter({ hasText: 'Prepare the case study' }).waitFor();
        await page.locator('#new-task-title').fill('Renew the passport');
        await page.locator('#new-task-due').fill(day(3));
        await page.getByTestId('task-add').click();
        await page.getByTestId('flash').filter({ hasText: 'Task added: Renew the passport.' }).waitFor();
        await page.getByTestId('task-title').filter({ hasText: 'Renew the passport' }).waitFor();
        assert.deepEqual(await page.getByTestId('task-title').allTextContents(), ['Prepare the case study', 'Renew the passport']);
        await checkA11y(page, 'tasks');
        // the job a task is about links back to it
        assert.equal(await page.getByTestId('task').filter({ hasText: 'Prepare' }).getByTestId('task-job').textContent(), 'Data Engineer at Northwind');
        await page.locator('#tasks-show').selectOption('done');
        await page.waitForURL(/show=done/);
        await page.getByTestId('task-title').filter({ hasText: 'Send the portfolio' }).waitFor();
        assert.equal(await page.getByTestId('task').count(), 1);
        // a filter nothing matches: the empty state and its way back, nothing else (no "null")
        await page.locator('#tasks-priority').selectOption('low');
        await page.getByTestId('tasks-empty').waitFor();
        assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b/);
        await page.locator('#tasks-priority').selectOption('');
        await page.locator('#tasks-show').selectOption('open');
        await page.locator('#tasks-due').selectOption('today');
        await page.waitForURL(/due=today/);
        await page.getByTestId('task-title').first().waitFor();
        assert.deepEqual(await page.getByTestId('task-title').allTextContents(), ['Prepare the case study']);
        // edit in a dialog
        await page.getByTestId('task').getByTestId('task-edit').click();
        const dialog = page.getByTestId('task-dialog');
        await dialog.getByLabel('Notes').fill('Two pages, with the numbers.');
        await checkA11y(page, 'task dialog');
        await dialog.getByTestId('task-save').click();
        await page.getByTestId('task-notes').filter({ hasText: 'Two pages, with the numbers.' }).waitFor();
        // the dashboard and the calendar
        await open(page, '#/dashboard', 'Dashboard');
        const due = page.getByTestId('tasks-due');
        await due.getByTestId('due-task').first().waitFor();
        assert.deepEqual((await due.getByTestId('due-task').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
            ['Prepare the case study (Data Engineer at Northwind) Due today']);
        await open(page, '#/calendar?view=agenda', 'Calendar');
        const events = page.locator('[data-testid="calendar-event"][data-type="task"]');
        await events.first().waitFor();
        assert.ok((await events.allTextContents()).includes('Task: Prepare the case study'));
        // ticked done on #/tasks, it leaves the open list
        await open(page, '#/tasks', 'Tasks');
        // click, not check(): the ticked task leaves the list at once, so there is no box left
        // for check() to see ticked (it waited for one under load)
        await page.getByLabel('Done: Prepare the case study').click();
        await page.getByTestId('flash').filter({ hasText: 'Done: Prepare the case study.' }).waitFor();
        await page.getByTestId('tasks-total').filter({ hasText: '1 task' }).waitFor();
        assert.deepEqual(await page.getByTestId('task-title').allTextContents(), ['Renew the passport']);
        assertNoProblems(page);
    });

    it('labels résumé versions and chooses one for a job, whose match follows', async () => {
        const primary = await uploadFixture(user.token, 'resume.txt', 'text/plain');
        const form = new FormData();
        form.append('file', new Blob(['Dana Data\nData Analyst\ndana@example.net\n\nEXPERIENCE\n\nData Analyst \u2014 Numbers GmbH\n'
            + 'Apr 2022 \u2013 Present\n- Built Tableau dashboards and SQL models.\n\nSKILLS\nSQL, Tableau, Pandas\n'], { type: 'text/plain' }), 'data.txt');
        const res = await fetch(`${BASE}/api/v1/resumes`, { method: 'POST', headers: { Authorization: `Bearer ${user.token}` }, body: form });
        const data = await res.json();
        await call(user.token, 'PATCH', `/resumes/${primary.id}`, { label: 'backend' });
        await open(page, `#/resumes/${data.id}`, 'data.txt');
        await page.locator('#resume-label').fill('backend');
        await page.getByTestId('resume-label-save').click();
        await page.getByTestId('resume-label-error').filter({ hasText: 'Another of your résumés is labelled "backend".' }).waitFor();
        await page.getByTestId('resume-label-existing').waitFor();
        assert.match(await page.getByTestId('resume-label-error').textContent(), /See that résumé\.$/); // a sentence, with its full stop
        await checkA11y(page, 'résumé label refused');
        await page.locator('#resume-label').fill('data');
        await page.getByTestId('resume-label-save').click();
        await page.getByTestId('flash').filter({ hasText: 'Labelled “data”.' }).waitFor();
        await open(page, '#/resumes', 'Résumés');
        assert.deepEqual((await page.getByTestId('resume-label').allTextContents()).sort(), ['backend', 'data']);
        // a job without an application shows its match; the data résumé brings its skills
        const fresh = await call(user.token, 'POST', '/jobs', { company: 'Chartwell', title: 'Analyst', tech_stack: ['SQL', 'Tableau', 'Pandas'] });
        await open(page, `#/jobs/${fresh.id}`, 'Analyst');
        const card = page.getByTestId('job-resume');
        await card.getByLabel('Résumé').waitFor();
        assert.match(await card.getByLabel('Résumé').locator('option:checked').textContent(), /^The primary résumé \(backend: resume\.txt\)/);
        await page.getByTestId('match-score').waitFor();
        assert.equal(await page.getByTestId('match').locator('.chips li.have').count(), 0);
        await card.getByLabel('Résumé').selectOption({ label: 'data: data.txt' });
        await card.getByTestId('job-resume-save').click();
        await page.getByTestId('flash').filter({ hasText: 'This job now uses the résumé you chose' }).waitFor();
        await page.getByTestId('match-score').waitFor();
        assert.deepEqual((await page.getByTestId('match').locator('.chips li.have').allTextContents()).sort(), ['Pandas', 'SQL', 'Tableau']);
        assert.equal(await page.getByTestId('job-resume').getByLabel('Résumé').inputValue(), String(data.id));
        await checkA11y(page, 'job page with a chosen résumé');
        assertNoProblems(page);
    });

    it('works on a 390 px phone', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
        await signIn(phone, user.token, '#/tasks');
        for (const [hash, heading] of [['#/tasks', 'Tasks'], ['#/contacts', 'Contacts'], [`#/jobs/${job.id}`, 'Data Engineer'],
            ['#/contacts/new', 'Add a contact']]) {
            await open(phone, hash, heading);
            await checkA11y(phone, `${hash} on a phone`);
            const width = await phone.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(width <= 390, `${hash} is ${width}px wide on a 390px phone`);
        }
        assertNoProblems(phone);
        await phone.context().close();
    });
});
