// SPEC part E in the page: the calendar (month grid and agenda, month to month, an event opening
// its job), subscribing to the calendar feed on the account page (create, copy, the downloaded
// feed parsed by ical.js, rotate, revoke), the login page's OAuth buttons and the way back from a
// provider, and an edit refused because the job changed elsewhere (If-Match, 412) in words.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { richUser } from './data.mjs';
import { BASE, assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn, watchProblems } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

describe('calendar, subscription, sign-in options and edits made elsewhere', () => {
    let browser, page, user;

    before(async () => {
        browser = await launch();
        user = await richUser('cal');
        page = await newPage(browser);
        await signIn(page, user.token, '#/calendar');
    });
    after(async () => {
        await browser?.close();
    });

    it('shows this month\'s follow-ups, interviews and offers on their days', async () => {
        await open(page, '#/calendar', 'Calendar');
        const expected = await call(user.token, 'GET', `/calendar?from=${day(-40)}&to=${day(40)}`);
        const month = day(0).slice(0, 7);
        const thisMonth = expected.events.filter((e) => e.date.startsWith(month));
        const grid = page.getByTestId('calendar-grid');
        await grid.waitFor();
        for (const e of thisMonth) {
            const cell = grid.locator(`td[data-date="${e.date}"]`);
            assert.ok(await cell.locator(`[data-testid="calendar-event"][data-type="${e.type}"]`).count() >= 1, `${e.type} on ${e.date}`);
        }
        assert.equal(await grid.locator('td[aria-current="date"]').getAttribute('data-date'), day(0));
        assert.match(await page.getByTestId('calendar-count').textContent(), new RegExp(`^${thisMonth.length} date`));
        await checkA11y(page, 'calendar month');
        assertNoProblems(page);
    });

    it('puts an interview on the reader\'s own day of its time', async () => {
        // 03:30 UTC on 10 March 2031 is the evening of 9 March in Los Angeles: the time reads
        // 8:30 PM there, and the grid and the agenda put it on the 9th, not the stored UTC day
        const other = await registerApi('caltz');
        const job = await call(other.token, 'POST', '/jobs', { company: 'Zone Corp', title: 'Night Interview' });
        const app = await call(other.token, 'POST', '/applications', { job_id: job.id });
        await call(other.token, 'PATCH', `/applications/${app.id}`, { status: 'applied' });
        await call(other.token, 'PATCH', `/applications/${app.id}`, { status: 'interview', interview_date: '2031-03-10T03:30:00Z' });
        const context = await browser.newContext({ timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 800 } });
        const la = watchProblems(await context.newPage());
        await signIn(la, other.token, '#/calendar?month=2031-03');
        const grid = la.getByTestId('calendar-grid');
        await grid.waitFor();
        const interview = '[data-testid="calendar-event"][data-type="interview"]';
        assert.equal(await grid.locator(`td[data-date="2031-03-09"] ${interview}`).count(), 1, 'on the 9th');
        assert.equal(await grid.locator(`td[data-date="2031-03-10"] ${interview}`).count(), 0, 'not on the 10th');
        await open(la, '#/calendar?month=2031-03&view=agenda', 'Calendar');
        const day = la.getByTestId('calendar-agenda').locator('li', { has: la.locator(interview) }).first();
        assert.match(await day.textContent(), /9 March|March 9/);
        assert.match(await day.textContent(), /(^|\D)8:30\sPM/);
        assertNoProblems(la);
        await context.close();
    });

    it('moves month to month and keeps the choice in the address', async () => {
        const name = await page.getByTestId('calendar-month').textContent();
        await page.getByTestId('calendar-next').click();
        await page.waitForURL(/#\/calendar\?month=\d{4}-\d{2}$/);
        // the address changes first, the heading when the month has been read and drawn
        await page.getByTestId('calendar-month').filter({ hasNotText: name }).waitFor();
        assert.notEqual(await page.getByTestId('calendar-month').textContent(), name);
        await page.getByTestId('calendar-previous').click();
        await page.getByTestId('calendar-month').filter({ hasText: name }).waitFor();
        await page.getByTestId('calendar-today').click();
        await page.getByTestId('calendar-month').filter({ hasText: name }).waitFor();
    });

    it('lists the month as an agenda, and an event opens its job', async () => {
        await page.getByTestId('calendar-view-agenda').click();
        await page.waitForURL(/view=agenda/);
        const agenda = page.getByTestId('calendar-agenda');
        await agenda.waitFor();
        const interview = agenda.locator('[data-testid="calendar-event"][data-type="interview"]');
        const fiveDays = day(5);
        if (fiveDays.slice(0, 7) === day(0).slice(0, 7)) {
            assert.match(await interview.first().textContent(), /^Interview: .* at .*·/);
            // under its day's heading: the time of day alone, not the date again, and the kind
            // said once (the title's "Interview:", no badge repeating it)
            assert.equal(await interview.first().locator('xpath=..').locator('.badge').count(), 0);
            assert.match(await interview.first().locator('.muted').textContent(), /^ · \d{1,2}:\d{2}( [AP]M)?$/);
        }
        await checkA11y(page, 'calendar agenda');
        const first = agenda.locator('[data-testid="calendar-event"]').first();
        const href = await first.getAttribute('href');
        assert.match(href, /^#\/jobs\/\d+$/);
        await first.click();
        await page.waitForURL(new RegExp(`${href.replace('/', '\\/')}$`));
        await page.getByTestId('application-panel').waitFor();
        await page.goBack();
        await page.getByTestId('calendar-agenda').waitFor();
        assert.equal(await page.getByTestId('calendar-view-agenda').getAttribute('aria-pressed'), 'true', 'back keeps the view');
        // a month with nothing planned says what to do
        await open(page, '#/calendar?view=agenda&month=2001-01', 'Calendar');
        await page.getByTestId('calendar-empty').waitFor();
        assertNoProblems(page);
    });

    it('fits a phone', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, touch: true });
        await signIn(phone, user.token, '#/calendar');
        await phone.getByTestId('calendar-grid').waitFor();
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        await checkA11y(phone, 'calendar on a phone');
        assertNoProblems(phone);
        await phone.context().close();
    });

    it('subscribes a calendar program to the feed: create, copy, a feed that parses, rotate, revoke', async () => {
        await open(page, '#/account', 'Account');
        const section = page.getByTestId('calendar-feed');
        await section.getByTestId('feed-create').click();
        const input = section.getByTestId('feed-url');
        await input.waitFor();
        const url = await input.inputValue();
        assert.match(url, new RegExp(`^${BASE}/api/v1/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
        assert.match(await section.getByTestId('feed-instructions').textContent(), /Google Calendar.*Apple Calendar.*Thunderbird/s);
        await section.getByTestId('feed-copy').click();
        await page.getByTestId('flash').filter({ hasText: 'Address copied.' }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
        await checkA11y(page, 'account with the calendar address');

        // what a calendar program downloads: valid iCalendar (ical.js), the user's dates in it
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type'), /^text\/calendar/);
        const text = await res.text();
        const calendar = new ICAL.Component(ICAL.parse(text));
        assert.equal(calendar.name, 'vcalendar');
        const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
        // the feed spans 180 days back to 365 ahead; the API answers at most 366 days at a time
        const before = await call(user.token, 'GET', `/calendar?from=${day(-180)}&to=${day(0)}`);
        const ahead = await call(user.token, 'GET', `/calendar?from=${day(1)}&to=${day(365)}`);
        assert.equal(events.length, before.events.length + ahead.events.length);
        const interview = events.find((e) => /^Interview: /.test(e.summary));
        assert.ok(interview, 'the interview is in the feed');
        assert.equal(interview.startDate.toJSDate().toISOString(), `${day(5)}T09:30:00.000Z`);
        const followUp = events.find((e) => /^Follow up: /.test(e.summary));
        assert.ok(followUp.startDate.isDate, 'a follow-up is an all-day event');
        assert.match(followUp.component.getFirstPropertyValue('url'), new RegExp(`^${BASE}/#/jobs/\\d+$`));
        assert.ok(events.every((e) => e.uid && /@career-copilot$/.test(e.uid)));

        // later visits say when, never the address again; a new address replaces the old one
        await open(page, '#/account', 'Account');
        await section.getByTestId('feed-status').waitFor();
        assert.match(await section.getByTestId('feed-status').textContent(), /a calendar last read it/);
        assert.equal(await section.getByTestId('feed-url').count(), 0);
        await section.getByTestId('feed-rotate').click();
        const rotated = await section.getByTestId('feed-url').inputValue();
        assert.notEqual(rotated, url);
        assert.equal((await fetch(url)).status, 404, 'the old address stops working');
        assert.equal((await fetch(rotated)).status, 200);
        await section.getByTestId('feed-revoke').click();
        await page.getByRole('button', { name: 'Stop it' }).click();
        await section.getByTestId('feed-create').waitFor();
        assert.equal((await fetch(rotated)).status, 404);
        assertNoProblems(page);
    });

    it('offers the configured OAuth providers on the login page, and explains a failed return', async () => {
        const visitor = await newPage(browser);
        await visitor.goto(`${BASE}/#/login`);
        const button = visitor.getByTestId('oauth-example');
        await button.waitFor();
        assert.equal(await button.textContent(), 'Sign in with Example');
        assert.equal(await button.getAttribute('href'), '/api/v1/auth/oauth/example/start');
        await checkA11y(visitor, 'login with a provider');
        // back from the provider with a state the server never issued
        await visitor.goto(`${BASE}/?oauth=example&code=abc&state=forged`);
        const notice = visitor.getByTestId('flash');
        await notice.filter({ hasText: /Signing in with Example did not work/ }).waitFor();
        assert.ok(visitor.url().endsWith('/#/login'), `the address is the page's own again: ${visitor.url()}`);
        assert.doesNotMatch(visitor.url(), /code=/);
        await visitor.context().close();
    });

    it('refuses to overwrite a job changed elsewhere, says so in words, and reloads the latest', async () => {
        const job = await call(user.token, 'POST', '/jobs', { company: 'Concurrent Co', title: 'Edited Twice' });
        await open(page, `#/jobs/${job.id}/edit`, 'Edit Edited Twice');
        // meanwhile, in another tab
        await call(user.token, 'PATCH', `/jobs/${job.id}`, { notes: 'from the other tab' });
        await page.getByLabel('Location').fill('Lisbon');
        await page.getByTestId('job-submit').click();
        const error = page.getByTestId('form-error');
        await error.waitFor();
        assert.match(await error.textContent(), /This job was changed elsewhere — reload to see the latest\./);
        const now = await call(user.token, 'GET', `/jobs/${job.id}`);
        assert.equal(now.notes, 'from the other tab', 'the other change stands');
        assert.equal(now.location ?? null, null, 'nothing overwritten');
        await error.getByTestId('reload-latest').click();
        await page.waitForFunction(() => document.getElementById('job-notes')?.value === 'from the other tab');
        await page.getByLabel('Location').fill('Lisbon');
        await page.getByTestId('job-submit').click();
        await page.waitForURL(new RegExp(`#/jobs/${job.id}$`));
        assert.equal((await call(user.token, 'GET', `/jobs/${job.id}`)).location, 'Lisbon');
        assertNoProblems(page);
    });
});
