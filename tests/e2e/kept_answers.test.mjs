// The page keeps the last answers of GET /applications/board and GET /calendar with their ETags
// (web/js/api.js) and asks again with If-None-Match: a second visit of each view gets a 304 and
// shows the same cards and events from memory; a card moved and a task added through the page
// show at once (the server's version moved, so the kept ETag no longer matches: a card moved on
// the board is moved on the page, and the next visit reads the board whole); after logging
// out and in as another user, nothing is asked with the first user's ETag and nothing of theirs
// shows; at most four answers are kept.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { moveThrough } from './data.mjs';
import { BASE, PASSWORD, assertNoProblems, awayFromMidnight, call, launch, newPage, registerApi, signIn } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

/* 'board' or 'calendar' for a GET of either, else null. */
function routeOf(res) {
    if (res.request().method() !== 'GET') return null;
    const { pathname } = new URL(res.url());
    return { '/api/v1/applications/board': 'board', '/api/v1/calendar': 'calendar' }[pathname] ?? null;
}

describe('kept board and calendar answers (ETag, If-None-Match, 304)', () => {
    let browser, page, first, second;
    const apps = {};
    const seen = []; // { route, sent: If-None-Match or null, status, etag } per board or calendar GET

    before(async () => {
        // follow-ups set for today here are looked for on today's calendar day later: one day for both
        await awayFromMidnight();
        browser = await launch();
        page = await newPage(browser);
        first = await registerApi('kept');
        const t = first.token;
        const job = async (title) => (await call(t, 'POST', '/jobs', { company: `${title} Ltd`, title })).id;
        apps.waiting = await call(t, 'POST', '/applications', { job_id: await job('Kept Waiting Role') });
        apps.due = await call(t, 'POST', '/applications', { job_id: await job('Kept Due Role') });
        await moveThrough(t, apps.due, ['applied'], { follow_up_date: day(0) });
        second = await registerApi('other');
        const other = (await call(second.token, 'POST', '/jobs', { company: 'Other Co', title: 'Other Person Role' })).id;
        apps.other = await call(second.token, 'POST', '/applications', { job_id: other });
        await moveThrough(second.token, apps.other, ['applied'], { follow_up_date: day(0) });

        page.on('response', (res) => {
            const route = routeOf(res);
            if (route) seen.push({ route, sent: res.request().headers()['if-none-match'] ?? null, status: res.status(), etag: res.headers().etag ?? null });
        });
        await signIn(page, first.token, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    /* Goes to hash within the page (no reload: what is kept stays), waits for the answer of
     * route and for selector; returns where the GETs seen from then on start. */
    const visit = async (hash, selector, route) => {
        const count = seen.length;
        const answered = route ? page.waitForResponse((res) => routeOf(res) === route) : null;
        await page.goto(`${BASE}/${hash}`);
        await answered;
        await page.locator(selector).first().waitFor();
        await page.waitForFunction(() => !document.querySelector('.loading'));
        return count;
    };
    /* The board or calendar GETs seen since index `from`. */
    const since = (from, route) => seen.slice(from).filter((r) => r.route === route);
    const cards = () => page.getByTestId('board-card').evaluateAll((els) =>
        els.map((e) => `${e.dataset.applicationId}:${e.dataset.status}:${e.querySelector('.card-title').textContent}`));
    const events = () => page.getByTestId('calendar-event').evaluateAll((els) =>
        els.map((e) => `${e.closest('td').dataset.date}:${e.dataset.type}:${e.textContent}`));

    const VIEWS = { board: ['#/board', '[data-testid="board-card"]'], calendar: ['#/calendar', '[data-testid="calendar-event"]'] };
    /* Visits the board or the calendar (or hash, showing selector): its one GET sent `sent` as
     * If-None-Match and was answered `status`; returns the answer's ETag. */
    const expectRead = async (route, sent, status, [hash, selector] = VIEWS[route]) => {
        const from = await visit(hash, selector, route);
        assert.deepEqual(since(from, route).map((r) => [r.sent, r.status]), [[sent, status]], hash);
        return since(from, route)[0].etag;
    };

    let boardEtag, calendarEtag, boardCards, calendarEvents;

    it('reads the board and the calendar whole the first time, with an ETag', async () => {
        boardEtag = await expectRead('board', null, 200);
        assert.match(boardEtag, new RegExp(`^"board-${first.user.id}-\\d+"$`));
        boardCards = await cards();
        assert.equal(boardCards.length, 2);

        calendarEtag = await expectRead('calendar', null, 200);
        assert.match(calendarEtag, new RegExp(`^"calendar-${first.user.id}-\\d+"$`));
        calendarEvents = await events();
        assert.ok(calendarEvents.some((e) => e.startsWith(`${day(0)}:follow_up:`) && e.includes('Kept Due Role')), calendarEvents.join());
    });

    it('asks again with If-None-Match, gets 304 and shows the same cards and events', async () => {
        await expectRead('board', boardEtag, 304);
        assert.deepEqual(await cards(), boardCards);
        await expectRead('calendar', calendarEtag, 304);
        assert.deepEqual(await events(), calendarEvents);
        assertNoProblems(page);
    });

    it('shows a card moved through the page at once, and again from a 304 after it', async () => {
        const from = await visit(...VIEWS.board, 'board');
        const card = page.locator(`[data-testid="board-card"][data-application-id="${apps.waiting.id}"]`);
        await card.getByTestId('move-button').click();
        await page.getByTestId('move-to-applied').click();
        await page.getByTestId('column-applied').locator(`[data-application-id="${apps.waiting.id}"]`).waitFor();
        // the card moved on the page, the board not asked again (thirty-sixth round)
        assert.deepEqual(since(from, 'board').slice(1), []);
        assert.equal(await page.getByTestId('column-interested').getByTestId('board-card').count(), 0);
        assert.equal(await page.getByTestId('column-applied').getByTestId('column-count').textContent(), '2');
        const moved = await cards();

        // away and back: the kept ETag sent, the new answer whole and the same cards; then kept
        // and shown from a 304
        await visit('#/tasks', 'h1');
        const etag = await expectRead('board', boardEtag, 200);
        assert.notEqual(etag, boardEtag);
        boardEtag = etag;
        assert.deepEqual(await cards(), moved);
        await visit('#/tasks', 'h1');
        await expectRead('board', boardEtag, 304);
        assert.deepEqual(await cards(), moved);
        assert.ok(moved.includes(`${apps.waiting.id}:applied:Kept Waiting Role`), moved.join());
        assertNoProblems(page);
    });

    it('shows a task added through the page in the calendar at once', async () => {
        await visit('#/tasks', '#new-task-title');
        await page.locator('#new-task-title').fill('Kept calendar task');
        await page.locator('#new-task-due').fill(day(0));
        await page.getByTestId('task-add').click();
        await page.getByTestId('task-title').filter({ hasText: 'Kept calendar task' }).waitFor();

        // the kept ETag sent, no longer matching: the new answer whole
        const etag = await expectRead('calendar', calendarEtag, 200);
        await page.locator(`td[data-date="${day(0)}"] [data-testid="calendar-event"][data-type="task"]`)
            .filter({ hasText: 'Kept calendar task' }).waitFor();
        const added = await events();
        assert.equal(added.length, calendarEvents.length + 1);

        // away and back: the new month kept and shown from a 304
        await visit('#/tasks', 'h1');
        await expectRead('calendar', etag, 304);
        assert.deepEqual(await events(), added);
        assertNoProblems(page);
    });

    it('forgets what it kept on logout: another user sees nothing of the first', async () => {
        await page.locator('#logout').click();
        await page.getByTestId('login-form').waitFor();
        await page.locator('#login-username').fill(second.username);
        await page.locator('#login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

        // no If-None-Match with the first user's ETags
        const otherBoard = await expectRead('board', null, 200);
        assert.match(otherBoard, new RegExp(`^"board-${second.user.id}-\\d+"$`));
        assert.deepEqual(await cards(), [`${apps.other.id}:applied:Other Person Role`]);
        assert.doesNotMatch(await page.locator('#view').textContent(), /Kept/);

        assert.match(await expectRead('calendar', null, 200), new RegExp(`^"calendar-${second.user.id}-\\d+"$`));
        const shown = await events();
        assert.ok(shown.length >= 1 && shown.every((e) => e.includes('Other Person Role')), shown.join());
        assert.doesNotMatch(await page.locator('#view').textContent(), /Kept/);

        // and the second user's own answers are kept in turn
        await visit('#/tasks', 'h1');
        await expectRead('board', otherBoard, 304);
        assert.deepEqual(await cards(), [`${apps.other.id}:applied:Other Person Role`]);
        assertNoProblems(page);
    });

    it('keeps only the last four answers: the board read whole again after four other months', async () => {
        const now = new Date();
        for (let n = 1; n <= 4; n++) {
            const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 1));
            const month = d.toISOString().slice(0, 7);
            await expectRead('calendar', null, 200, [`#/calendar?month=${month}`, '[data-testid="calendar-grid"]']);
        }
        await expectRead('board', null, 200); // dropped: read whole again
        assert.deepEqual(await cards(), [`${apps.other.id}:applied:Other Person Role`]);
        assertNoProblems(page);
    });
});
