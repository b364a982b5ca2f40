// A busy month in #/calendar (web/js/views/calendar.js): a day of the grid shows at most four
// events, a busier one three and "+N more", a link to the agenda of that day alone
// (#/calendar?month=&view=agenda&day=) reachable by keyboard, with every event of the day linking
// to its job; a day of exactly four shows them all; the agenda of a month of 340 events is drawn
// in chunks and ends whole; a phone.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { moveThrough } from './data.mjs';
import { BASE, assertNoProblems, call, checkA11y, launch, newPage, registerApi, signIn } from './helpers.mjs';

const month = new Date().toISOString().slice(0, 7);
const BUSY = `${month}-20`; // 3 follow-ups and 9 tasks
const FOUR = `${month}-21`; // 4 tasks: no "+N more"
const SPREAD = 32; // tasks on each of the days 01 to 10: the month's agenda needs more than one chunk

describe('a busy month in the calendar', () => {
    let browser, page, user, busy;

    before(async () => {
        browser = await launch();
        user = await registerApi('busy');
        const t = user.token;
        const jobs = [];
        for (let i = 0; i < 12; i++) jobs.push(await call(t, 'POST', '/jobs', { company: `Busy ${i} Ltd`, title: `Busy Role ${i}` }));
        for (const job of jobs.slice(0, 3)) {
            const app = await call(t, 'POST', '/applications', { job_id: job.id });
            await moveThrough(t, app, ['applied'], { follow_up_date: BUSY });
        }
        for (const job of jobs.slice(3)) await call(t, 'POST', '/tasks', { title: `Call about ${job.title}`, due_date: BUSY, job_id: job.id });
        for (const job of jobs.slice(0, 4)) await call(t, 'POST', '/tasks', { title: `Write to ${job.company}`, due_date: FOUR, job_id: job.id });
        const spread = [];
        for (let d = 1; d <= 10; d++)
            for (let i = 0; i < SPREAD; i++) spread.push({ title: `Spread task ${d}.${i}`, due_date: `${month}-${String(d).padStart(2, '0')}`, job_id: jobs[i % 12].id });
        for (let i = 0; i < spread.length; i += 16) await Promise.all(spread.slice(i, i + 16).map((task) => call(t, 'POST', '/tasks', task)));
        busy = (await call(t, 'GET', `/calendar?from=${BUSY}&to=${BUSY}`)).events;
        assert.equal(busy.length, 12);
        page = await newPage(browser);
        await signIn(page, user.token, `#/calendar?month=${month}`);
    });
    after(async () => {
        await browser?.close();
    });

    it('shows three events and "+9 more" on a busy day, all four on a day of four', async () => {
        const grid = page.getByTestId('calendar-grid');
        await grid.waitFor();
        const cell = grid.locator(`td[data-date="${BUSY}"]`);
        assert.deepEqual(await cell.getByTestId('calendar-event').evaluateAll((els) => els.map((a) => a.dataset.type)),
            ['follow_up', 'follow_up', 'follow_up'], 'follow-ups chosen before tasks');
        const more = cell.getByTestId('calendar-more');
        assert.match(await more.textContent(), /^\+9 more on /);
        assert.equal(await more.getAttribute('href'), `#/calendar?month=${month}&view=agenda&day=${BUSY}`);
        const four = grid.locator(`td[data-date="${FOUR}"]`);
        assert.equal(await four.getByTestId('calendar-event').count(), 4);
        assert.equal(await four.getByTestId('calendar-more').count(), 0);
        // every spread day shows its cap; the count still says every date of the month
        assert.equal(await grid.getByTestId('calendar-more').count(), 11);
        assert.equal(await grid.getByTestId('calendar-event').count(), 10 * 3 + 3 + 4);
        assert.match(await page.getByTestId('calendar-count').textContent(), new RegExp(`^${10 * SPREAD + 12 + 4} dates`));
        await checkA11y(page, 'a busy month');
        assertNoProblems(page);
    });

    it('opens the day\'s whole list from the keyboard, each event linking to its job', async () => {
        const cell = page.getByTestId('calendar-grid').locator(`td[data-date="${BUSY}"]`);
        await cell.getByTestId('calendar-event').last().focus();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'calendar-more');
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`#/calendar\\?month=${month}&view=agenda&day=${BUSY}$`));
        const agenda = page.getByTestId('calendar-agenda');
        await agenda.waitFor();
        assert.equal(await agenda.locator('time').count(), 1, 'that day alone');
        assert.equal(await agenda.locator('time').getAttribute('datetime'), BUSY);
        const links = await agenda.getByTestId('calendar-event').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
        assert.deepEqual(links.sort(), busy.map((e) => `#/jobs/${e.job_id}`).sort());
        assert.match(await page.getByTestId('calendar-count').textContent(), /^12 dates on /);
        assert.equal(await page.getByTestId('calendar-view-agenda').getAttribute('aria-pressed'), 'true');
        await checkA11y(page, 'the agenda of a busy day');
        // an event opens its job; back returns to the day
        const first = agenda.getByTestId('calendar-event').first();
        const href = await first.getAttribute('href');
        await first.click();
        await page.waitForURL(new RegExp(`${href.replace('/', '\\/')}$`));
        await page.getByTestId('application-panel').waitFor();
        await page.goBack();
        await page.getByTestId('calendar-agenda').locator(`time[datetime="${BUSY}"]`).waitFor();
        // back to the month's grid by the link
        await page.getByTestId('calendar-day-back').click();
        await page.waitForURL(new RegExp(`#/calendar\\?month=${month}$`));
        await page.getByTestId('calendar-grid').waitFor();
        assertNoProblems(page);
    });

    it('draws the month\'s agenda whole', async () => {
        await page.goto(`${BASE}/#/calendar?month=${month}&view=agenda`);
        const agenda = page.getByTestId('calendar-agenda');
        await agenda.waitFor();
        await page.locator('[data-testid="calendar-agenda"]:not([aria-busy])').waitFor();
        assert.equal(await agenda.getByTestId('calendar-event').count(), 10 * SPREAD + 12 + 4);
        assert.equal(await agenda.locator('time').count(), 12);
        assertNoProblems(page);
    });

    it('fits a phone', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, touch: true });
        await signIn(phone, user.token, `#/calendar?month=${month}`);
        const more = phone.getByTestId('calendar-grid').locator(`td[data-date="${BUSY}"]`).getByTestId('calendar-more');
        await more.waitFor();
        assert.ok(await more.isVisible());
        assert.match(await more.textContent(), /^\+9 more on /);
        assert.ok((await more.locator('.more-word').boundingBox()).width <= 1, 'the count alone on a phone; "more" said to screen readers');
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        await checkA11y(phone, 'a busy month on a phone');
        await more.tap();
        await phone.getByTestId('calendar-agenda').waitFor();
        assert.equal(await phone.getByTestId('calendar-agenda').getByTestId('calendar-event').count(), 12);
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        assertNoProblems(phone);
        await phone.context().close();
    });
});
