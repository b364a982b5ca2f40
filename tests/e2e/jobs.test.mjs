// The jobs list and a job's page: formatted columns, the column chooser, sorting by salary,
// bulk archive and delete, CSV export, cards on a phone; the job page's salary, posting link,
// match, writing and practice links, the application panel (status moves the server allows,
// dates, notes, feedback) and the not-found state.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOBS } from './data.mjs';
import { BASE, assertNoProblems, call, checkA11y, downloaded, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('jobs', () => {
    let browser, page, user;
    const ids = {};

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('jobs');
        await call(user.token, 'PATCH', '/users/me', { skills: ['Go', 'PostgreSQL'], experience_level: 'senior' });
        for (const job of JOBS) ids[job.company] = (await call(user.token, 'POST', '/jobs', job)).id;
        await call(user.token, 'POST', '/applications', { job_id: ids['Beta Labs'] });
        await signIn(page, user.token, '#/jobs');
    });
    after(async () => {
        await browser?.close();
    });

    it('shows salary, remote, source and dates in words', async () => {
        await open(page, '#/jobs', 'Jobs');
        const row = page.locator(`[data-job-id="${ids['Alpha Systems']}"]`);
        const text = await row.textContent();
        assert.match(text, /€90,000 – €120,000/);
        assert.match(text, /Remote/);
        assert.match(text, /RSS/);
        assert.doesNotMatch(text, /Rss/);
        assert.match(await page.locator(`[data-job-id="${ids['Delta Data']}"]`).textContent(), /£70,000 – £90,000.*On-site.*API/);
        await checkA11y(page, 'jobs list');
    });

    it('sorts by the salary it shows', async () => {
        await page.locator('#jobs-sort').selectOption('-salary_max');
        await page.waitForURL(/sort=-salary_max/);
        await page.getByTestId('job-row').first().filter({ hasText: 'Gamma Cloud' }).waitFor();
        assert.match(await page.getByTestId('job-row').first().textContent(), /\$140,000 – \$180,000/);
        // amounts in several currencies are compared as numbers: the page says so
        assert.equal(await page.getByTestId('salary-sort-note').textContent(),
            'Salaries are sorted by their amount, whatever the currency (EUR, GBP, USD).');
        await page.locator('#jobs-sort').selectOption('-created_at');
        await page.waitForURL((url) => !/sort=/.test(url.hash));
        await page.getByTestId('salary-sort-note').waitFor({ state: 'detached' });
    });

    it('hides a column with the chooser and remembers it', async () => {
        // the table may still be re-rendering after the previous test's sort: wait, never read once
        const header = (name) => page.locator('#jobs thead th').filter({ hasText: new RegExp(`^${name}$`) });
        await header('Location').waitFor();
        await page.getByTestId('jobs-columns').locator('summary').click();
        await page.locator('#jobs-col-location').uncheck();
        await header('Location').waitFor({ state: 'detached' });
        await page.reload();
        await page.getByTestId('job-row').first().waitFor();
        assert.equal(await header('Location').count(), 0, 'the choice is remembered');
        await page.getByTestId('jobs-columns').locator('summary').click();
        await page.locator('#jobs-col-job_type').check();
        await header('Type').waitFor();
    });

    it('archives the selected jobs nobody applied to, and says which it left alone', async () => {
        await open(page, '#/jobs', 'Jobs');
        await page.locator(`[data-job-id="${ids['Epsilon Web']}"] [data-testid="row-select"]`).check();
        await page.locator(`[data-job-id="${ids['Beta Labs']}"] [data-testid="row-select"]`).check();
        assert.equal(await page.getByTestId('bulk-count').textContent(), '2 jobs selected');
        await page.getByTestId('bulk-archive').click();
        await page.getByTestId('confirm-dialog').waitFor();
        await checkA11y(page, 'confirm dialog');
        await page.getByTestId('confirm-ok').click();
        await page.getByTestId('flash').filter({ hasText: 'Archived 1 job.' }).waitFor();
        await page.getByTestId('flash').filter({ hasText: /1 job with an application or already archived left as it was/ }).waitFor();
        assert.match(await page.locator(`[data-job-id="${ids['Epsilon Web']}"]`).textContent(), /Archived/);
        assert.match(await page.locator(`[data-job-id="${ids['Beta Labs']}"]`).textContent(), /Interested/);
    });

    it('deletes the selected jobs after confirming', async () => {
        const extra = await call(user.token, 'POST', '/jobs', { company: 'Zeta', title: 'Temporary Role' });
        await open(page, '#/jobs', 'Jobs');
        await page.locator(`[data-job-id="${extra.id}"] [data-testid="row-select"]`).check();
        await page.getByTestId('bulk-delete').click();
        await page.getByTestId('confirm-cancel').click();
        assert.equal(await page.locator(`[data-job-id="${extra.id}"]`).count(), 1, 'cancel deletes nothing');
        await page.getByTestId('bulk-delete').click();
        await page.getByTestId('confirm-ok').click();
        await page.getByTestId('flash').filter({ hasText: 'Deleted 1 job.' }).waitFor();
        await page.locator(`[data-job-id="${extra.id}"]`).waitFor({ state: 'detached' });
        assert.equal(await page.locator(`[data-job-id="${extra.id}"]`).count(), 0);
        await call(user.token, 'GET', `/jobs/${extra.id}`, undefined, { expect: 404 });
    });

    it('exports the jobs as CSV', async () => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
        const csv = (await downloaded(download)).toString('utf8');
        assert.match(csv.split('\n')[0], /company/);
        assert.match(csv, /Alpha Systems/);
        assert.equal(download.suggestedFilename(), 'jobs.csv');
    });

    it('shows the job with its salary, posting link, match and links to write and practise', async () => {
        await page.locator(`[data-job-id="${ids['Alpha Systems']}"] a`).first().click();
        await page.getByRole('heading', { level: 1, name: 'Senior Go Engineer' }).waitFor();
        assert.match(await page.getByTestId('job-fields').textContent(), /Salary€90,000 – €120,000/);
        assert.match(await page.getByTestId('job-fields').textContent(), /SourceRSS/);
        assert.equal(await page.getByTestId('visit-posting').getAttribute('href'), 'https://jobs.example.com/alpha/1');
        assert.equal(await page.getByTestId('write-letter').getAttribute('href'), `#/writing?job=${ids['Alpha Systems']}`);
        assert.equal(await page.getByTestId('practise-interview').getAttribute('href'), `#/interviews?job=${ids['Alpha Systems']}`);
        await page.getByTestId('match-score').waitFor();
        assert.match(await page.getByTestId('match-score').textContent(), /\d+ \/ 100/);
        assert.match(await page.getByTestId('match').textContent(), /Go/);
        await checkA11y(page, 'job detail');
    });

    it('offers only the moves the pipeline allows', async () => {
        await page.getByTestId('track-application').click();
        await page.getByTestId('application').waitFor();
        assert.equal(await page.getByTestId('track-application').count(), 0);
        const select = page.locator('select[name="status"]');
        const pipeline = await call(user.token, 'GET', '/applications/pipeline');
        assert.deepEqual(await select.locator('option').evaluateAll((os) => os.map((o) => o.value)), pipeline.transitions.interested);
        assert.deepEqual(await select.locator('option').allTextContents(), ['Applied', 'Rejected', 'Withdrawn', 'Ghosted']);
        await select.selectOption('applied');
        await page.getByTestId('move-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Moved to Applied.' }).waitFor();
        assert.match(await page.getByTestId('job-company').textContent(), /Applied/, 'the job follows its application');
    });

    it('saves the application dates, notes and interview feedback', async () => {
        await page.locator('input[name="interview_date"]').fill('2031-03-04T10:30');
        await page.getByLabel('Notes').fill('Ask about the team size.');
        await page.getByLabel('Interview feedback').fill('Went well; system design next.');
        await page.getByTestId('application-save').click();
        await page.getByTestId('flash').filter({ hasText: 'Application saved.' }).waitFor();
        await page.reload();
        await page.getByTestId('application').waitFor();
        assert.equal(await page.locator('input[name="interview_date"]').inputValue(), '2031-03-04T10:30');
        assert.equal(await page.getByLabel('Notes').inputValue(), 'Ask about the team size.');
        assert.equal(await page.getByLabel('Interview feedback').inputValue(), 'Went well; system design next.');
        const apps = await call(user.token, 'GET', `/applications?job_id=${ids['Alpha Systems']}`);
        assert.equal(apps.total, 1);
        assert.equal(apps.items[0].interview_feedback.notes, 'Went well; system design next.');
    });

    it('keeps notes typed and not saved when Move is pressed: it asks to save them first', async () => {
        await page.getByLabel('Notes').fill('Call Anna back on Friday.');
        await page.getByLabel('Follow up on').fill('2031-03-01');
        const before = (await call(user.token, 'GET', `/applications?job_id=${ids['Alpha Systems']}`)).items[0];
        await page.getByTestId('move-submit').click();
        await page.getByTestId('move-error').filter({ hasText: 'The dates or notes below have changes that are not saved yet: save them first, then move the application.' }).waitFor();
        assert.equal(await page.getByLabel('Notes').inputValue(), 'Call Anna back on Friday.');
        assert.equal(await page.getByLabel('Follow up on').inputValue(), '2031-03-01');
        const after = (await call(user.token, 'GET', `/applications?job_id=${ids['Alpha Systems']}`)).items[0];
        assert.equal(after.row_version, before.row_version, 'nothing was sent');
        // saved, the move goes through and the notes stay
        await page.getByTestId('application-save').click();
        await page.getByTestId('flash').filter({ hasText: 'Application saved.' }).waitFor();
        await page.getByTestId('move-submit').click();
        await page.getByTestId('flash').filter({ hasText: /^Moved to / }).waitFor();
        assert.equal(await page.getByLabel('Notes').inputValue(), 'Call Anna back on Friday.');
    });

    it('says plainly when a job does not exist', async () => {
        await open(page, '#/jobs/987654321', 'This job was not found');
        await page.getByRole('link', { name: 'Back to your jobs' }).waitFor();
        await open(page, '#/no-such-page', 'Page not found');
        assert.ok(page.url().endsWith('#/no-such-page'), 'no silent redirect');
    });

    it('lays the list out as cards on a phone', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
        await signIn(phone, user.token, '#/jobs');
        await phone.getByTestId('job-row').first().waitFor();
        assert.ok(await phone.locator('#jobs thead').evaluate((el) => el.getBoundingClientRect().width <= 1), 'headers hidden');
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        const label = await phone.getByTestId('job-row').first().locator('td').nth(2)
            .evaluate((td) => getComputedStyle(td, '::before').content);
        assert.equal(label, '"Company"');
        // the column chooser's button sits at the left here: its list opens on the screen
        await phone.getByTestId('jobs-columns').locator('summary').click();
        const choices = await phone.getByTestId('jobs-columns').locator('fieldset').boundingBox();
        assert.ok(choices.x >= 0 && choices.x + choices.width <= 390, `the column list at ${choices.x}..${choices.x + choices.width}`);
        await phone.locator('#jobs-col-job_type').check();
        await phone.getByTestId('job-row').first().locator('td[data-label="Type"]').waitFor();
        await phone.getByTestId('jobs-columns').locator('summary').click();
        await checkA11y(phone, 'jobs on a phone');
        // a job's page on a phone: its application right after the facts, before the résumé
        // choice and the long description
        await open(phone, `#/jobs/${ids['Beta Labs']}`, 'Senior Backend Engineer');
        const top = async (testid) => (await phone.getByTestId(testid).boundingBox()).y;
        assert.ok(await top('job-fields') < await top('application-panel'), 'the facts come first');
        assert.ok(await top('application-panel') < await top('job-resume'), 'the application comes before the résumé choice');
        // an "Interested" job is not applied to, yet has no score: because it is tracked
        assert.match(await phone.getByTestId('match-tracked').textContent(), /jobs you do not track yet: this one has an application/);
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        assertNoProblems(phone);
        assertNoProblems(page);
    });

    it('fits the default columns at 1280 px, long salary ranges included', async () => {
        const other = await registerApi('wide');
        await call(other.token, 'POST', '/jobs', { company: 'Massive Dynamic', title: 'Senior Security Engineer - Billing',
            location: 'Stockholm, Sweden', salary_min: 918000, salary_max: 1318000, currency: 'SEK', source: 'linkedin',
            remote_option: 'remote' });
        const wide = await newPage(browser); // 1280 x 800
        await signIn(wide, other.token, '#/jobs');
        await wide.getByTestId('job-row').first().waitFor();
        const [shown, needed] = await wide.locator('#jobs').evaluate((t) => [t.parentElement.clientWidth, t.scrollWidth]);
        assert.ok(needed <= shown, `the table needs ${needed} px of ${shown}: its last column is cut off`);
        assert.match(await wide.getByTestId('job-row').first().textContent(), /SEK\s918,000 – SEK\s1,318,000/);
        // and the filters are never narrower than their longest choice ("Newest firs")
        for (const id of ['jobs-sort', 'jobs-status', 'jobs-source']) {
            const fits = await wide.locator(`#${id}`).evaluate((el) => {
                const probe = document.createElement('span');
                probe.textContent = el.options[el.selectedIndex].text;
                probe.style.position = 'absolute';
                probe.style.whiteSpace = 'nowrap';
                probe.style.font = getComputedStyle(el).font;
                document.body.append(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                return width + 24 <= el.clientWidth; // the text plus the arrow
            });
            assert.ok(fits, `#${id} cuts its choice off`);
        }
        // the filters and Per page share one line at 1280 px (Per page wrapped alone before),
        // below the search box with its button
        const line = async (ids) => wide.evaluate((list) => list.map((id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            return `${id}:${Math.round(r.bottom)}`;
        }), ids);
        const filters = await line(['jobs-status', 'jobs-source', 'jobs-remote', 'jobs-type', 'jobs-sort', 'jobs-limit']);
        assert.equal(new Set(filters.map((t) => t.split(':')[1])).size, 1, `the filters wrap: ${filters.join(', ')} (id:bottom)`);
        const search = await line(['jobs-q']);
        assert.ok(Number(search[0].split(':')[1]) < Number(filters[0].split(':')[1]), `${search} above ${filters[0]}`);
        assertNoProblems(wide);
        await wide.context().close();
    });
});
