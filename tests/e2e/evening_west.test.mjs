// A reader west of UTC in the evening: at 6 PM in Los Angeles the server's day (UTC, by which it
// counts the daily goal, decides which follow-ups are due and marks tasks overdue) is already the
// reader's tomorrow. The page says "today", "overdue" and "due tomorrow" against the reader's own
// calendar, the one their date picker shows: a follow-up or a task set for the day the picker
// calls today reads "Due today", never "Overdue ... yesterday", and one set for the picker's
// tomorrow (the server's today) reads "Due tomorrow", never "Due today" (docs/web.md, "Days:
// the reader's and the server's").

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, awayFromMidnight, call, launch, open, registerApi, signIn, watchProblems } from './helpers.mjs';
import { moveThrough } from './data.mjs';

/* The UTC day n days from the server's today, "YYYY-MM-DD" (the test and the server share a clock). */
function utcDay(n) {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

// the server's today is taken when the file loads (below) and the server's own words (overdue, the
// follow-ups it lists) read later: one UTC day for both
await awayFromMidnight();

describe('a reader in Los Angeles in the evening', () => {
    let browser, context, page, user;
    const serverToday = utcDay(0);
    const readerToday = utcDay(-1); // 02:00 UTC is 6 PM (or 7 PM) of the day before in Los Angeles

    before(async () => {
        browser = await launch();
        user = await registerApi('west');
        const t = user.token;
        const job = async (title) => (await call(t, 'POST', '/jobs', { company: 'Westward', title })).id;
        const tonight = await call(t, 'POST', '/applications', { job_id: await job('Follow up tonight') });
        await moveThrough(t, tonight, ['applied'], { follow_up_date: readerToday });
        const tomorrow = await call(t, 'POST', '/applications', { job_id: await job('Follow up tomorrow') });
        await moveThrough(t, tomorrow, ['applied'], { follow_up_date: serverToday });
        await call(t, 'POST', '/tasks', { title: 'Task for tonight', due_date: readerToday });
        await call(t, 'POST', '/tasks', { title: 'Task for tomorrow', due_date: serverToday });
        // the server's own words, by its UTC day: tonight's are overdue already
        const tasks = await call(t, 'GET', '/tasks?done=false');
        assert.equal(tasks.items.find((x) => x.title === 'Task for tonight').overdue, true);

        context = await browser.newContext({ timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 800 } });
        // the browser's clock at 02:00 UTC of the server's day: the evening before in Los Angeles
        await context.clock.setFixedTime(new Date(`${serverToday}T02:00:00Z`));
        page = watchProblems(await context.newPage());
        await signIn(page, t, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('the date picker\'s today is the day before the server\'s', async () => {
        await open(page, '#/tasks', 'Tasks');
        // what the browser's own date control calls today (its valueAsDate is local midnight)
        const pickerToday = await page.evaluate(() => {
            const d = new Date();
            return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        });
        assert.equal(pickerToday, readerToday);
    });

    it('says "Due today" for a task set for the reader\'s today, and "Due tomorrow" for the next', async () => {
        await open(page, '#/tasks', 'Tasks');
        const tonight = page.getByTestId('task').filter({ hasText: 'Task for tonight' });
        const tomorrow = page.getByTestId('task').filter({ hasText: 'Task for tomorrow' });
        await tonight.waitFor();
        assert.match(await tonight.textContent(), /Due today/);
        assert.doesNotMatch(await tonight.textContent(), /Overdue|yesterday/);
        assert.equal(await tonight.getAttribute('data-overdue'), 'false');
        assert.match(await tomorrow.textContent(), /Due tomorrow/);
        assert.doesNotMatch(await tomorrow.textContent(), /Due today/);
        // "Due today or earlier" is the reader's today: tomorrow's task is not in it
        await open(page, '#/tasks?due=today', 'Tasks');
        await page.getByTestId('task').filter({ hasText: 'Task for tonight' }).waitFor();
        assert.equal(await page.getByTestId('task').filter({ hasText: 'Task for tomorrow' }).count(), 0);
        assertNoProblems(page);
    });

    it('marks follow-ups by the reader\'s day on the follow-ups page, the dashboard and the board', async () => {
        await open(page, '#/follow-ups', 'Follow-ups');
        const tonight = page.getByTestId('follow-up').filter({ hasText: 'Follow up tonight' });
        const tomorrow = page.getByTestId('follow-up').filter({ hasText: 'Follow up tomorrow' });
        await tonight.waitFor();
        assert.match(await tonight.textContent(), /Due today/);
        assert.doesNotMatch(await tonight.textContent(), /Overdue|yesterday/);
        // the server lists it (its day is UTC); the page says when it is for the reader
        assert.match(await tomorrow.textContent(), /Due tomorrow/);
        assert.doesNotMatch(await tomorrow.textContent(), /Due today/);
        assert.doesNotMatch(await page.getByTestId('follow-ups-total').textContent(), /today or earlier/);

        await open(page, '#/dashboard', 'Dashboard');
        const dash = await page.locator('#view').textContent();
        assert.doesNotMatch(dash, /Overdue, yesterday/);
        const due = page.getByTestId('due-task');
        assert.deepEqual(await due.allTextContents(), ['Task for tonight Due today']);

        await open(page, '#/board', 'Board');
        const card = (title) => page.getByTestId('board-card').filter({ hasText: title });
        await card('Follow up tonight').waitFor();
        assert.match(await card('Follow up tonight').textContent(), /Follow up today/);
        assert.doesNotMatch(await card('Follow up tonight').textContent(), /overdue/);
        assert.doesNotMatch(await card('Follow up tomorrow').textContent(), /Follow up today/);
        assertNoProblems(page);
    });

    it('outlines the reader\'s today in the calendar', async () => {
        await open(page, `#/calendar?month=${readerToday.slice(0, 7)}`, 'Calendar');
        const today = page.getByTestId('calendar-grid').locator('td[aria-current="date"]');
        assert.equal(await today.getAttribute('data-date'), readerToday);
        assertNoProblems(page);
    });
});
