// The board: follow-ups marked on the cards, a card dragged with the mouse to another column,
// a drop on a column the pipeline does not allow that stays put with the reason and sends
// nothing, only the allowed targets lit up while dragging (from the first drag), reopening a
// final state, "Show more" paging through the list route, a move refused because the card
// changed elsewhere, every column visible at 1280 px, and one column at a time on a phone.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { moveThrough } from './data.mjs';
import { assertNoProblems, awayFromMidnight, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

/* Drags locator `from` onto locator `to` with the mouse, in small steps as a hand would. */
async function drag(page, from, to, { release = true } = {}) {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    await page.mouse.move(a.x + a.width / 2, a.y + 10);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 8 });
    if (release) await page.mouse.up();
}

describe('board', () => {
    let browser, page, user;
    const apps = {};

    before(async () => {
        // a follow-up set for today here is "Follow up today" in the first test: one day for both
        await awayFromMidnight();
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('board');
        const t = user.token;
        const job = async (title) => (await call(t, 'POST', '/jobs', { company: `${title} Inc`, title })).id;
        apps.fresh = await call(t, 'POST', '/applications', { job_id: await job('Fresh Role') });
        apps.late = await call(t, 'POST', '/applications', { job_id: await job('Late Role') });
        await moveThrough(t, apps.late, ['applied'], { follow_up_date: day(-2) });
        apps.today = await call(t, 'POST', '/applications', { job_id: await job('Today Role') });
        await moveThrough(t, apps.today, ['applied'], { follow_up_date: day(0) });
        apps.gone = await call(t, 'POST', '/applications', { job_id: await job('Quiet Role') });
        await moveThrough(t, apps.gone, ['applied', 'ghosted']);
        await signIn(page, t, '#/board');
    });
    after(async () => {
        await browser?.close();
    });

    const card = (app) => page.locator(`[data-testid="board-card"][data-application-id="${app.id}"]`);
    const column = (status) => page.getByTestId(`column-${status}`);

    it('marks overdue and due-today follow-ups and counts each column', async () => {
        await open(page, '#/board', 'Board');
        assert.match(await card(apps.late).getAttribute('class'), /overdue/);
        assert.match(await card(apps.late).textContent(), /Follow-up overdue since/);
        assert.match(await card(apps.today).getAttribute('class'), /due-today/);
        assert.match(await card(apps.today).textContent(), /Follow up today/);
        assert.doesNotMatch(await card(apps.fresh).getAttribute('class'), /overdue|due-today/);
        assert.equal(await column('applied').getByTestId('column-count').textContent(), '2');
        assert.equal(await column('interested').getByTestId('column-count').textContent(), '1');
        await checkA11y(page, 'board');
    });

    it('shows every column whole at 1280 px', async () => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 1280, `the page is ${width}px wide`);
        for (const el of await page.locator('.column').all()) {
            const box = await el.boundingBox();
            assert.ok(box.x >= 0 && box.x + box.width <= 1280, `a column is cut off at ${box.x + box.width}px`);
            assert.ok(box.width >= 120, `a column is only ${box.width}px wide`);
        }
    });

    it('moves a card dragged to another column', async () => {
        await drag(page, card(apps.fresh), column('applied'));
        await column('applied').locator(`[data-application-id="${apps.fresh.id}"]`).waitFor();
        assert.equal(await column('interested').getByTestId('board-card').count(), 0);
        assert.equal(await column('applied').getByTestId('column-count').textContent(), '3');
        await page.getByTestId('flash').filter({ hasText: /Moved “Fresh Role” to Applied/ }).waitFor();
        assert.equal((await call(user.token, 'GET', `/applications/${apps.fresh.id}`)).status, 'applied');
    });

    it('keeps a card dropped where the pipeline does not allow, says why, and asks the server nothing', async () => {
        const writes = [];
        const onRequest = (r) => { if (r.method() === 'PATCH') writes.push(r.url()); };
        page.on('request', onRequest);
        await drag(page, card(apps.fresh), column('interested'));
        const error = card(apps.fresh).getByTestId('card-error');
        await error.waitFor();
        page.off('request', onRequest);
        assert.match(await error.textContent(), /Cannot move from Applied to Interested\. Allowed next: Phone screen, Interview, Technical, Offer, Rejected, Withdrawn or Ghosted\./);
        assert.deepEqual(writes, [], 'a move the pipeline forbids is not sent');
        assert.equal(await column('applied').locator(`[data-application-id="${apps.fresh.id}"]`).count(), 1);
        assert.equal((await call(user.token, 'GET', `/applications/${apps.fresh.id}`)).status, 'applied');
    });

    it('lights up only the allowed columns while dragging, from the first drag', async () => {
        await drag(page, card(apps.today), column('phone_screen'), { release: false });
        const lit = await page.locator('.column.drop-ok').evaluateAll((els) => els.map((e) => e.dataset.status));
        const pipeline = await call(user.token, 'GET', '/applications/pipeline');
        assert.deepEqual(lit, pipeline.transitions.applied);
        assert.doesNotMatch(await column('phone_screen').getAttribute('class'), /drop-refused/);
        // over a column it may not go to, that column (and the dragged card) look refused
        const interested = await column('interested').boundingBox();
        await page.mouse.move(interested.x + interested.width / 2, interested.y + 40, { steps: 4 });
        assert.match(await column('interested').getAttribute('class'), /drop-over.*drop-refused|drop-refused.*drop-over/);
        assert.match(await page.locator('.drag-ghost').getAttribute('class'), /refused/);
        const styles = await column('interested').evaluate((el) => getComputedStyle(el).borderTopColor);
        assert.equal(styles, 'rgb(180, 35, 24)', 'a refused column is outlined in the danger colour');
        await page.mouse.move(10, 10);
        await page.mouse.up();
        assert.equal(await page.locator('.column.drop-refused').count(), 0, 'nothing stays marked after the drag');
        await drag(page, card(apps.fresh), column('phone_screen'), { release: false });
        assert.match(await column('phone_screen').getAttribute('class'), /drop-ok/);
        assert.doesNotMatch(await column('interested').getAttribute('class'), /drop-ok/);
        await page.mouse.up();
        await column('phone_screen').locator(`[data-application-id="${apps.fresh.id}"]`).waitFor();
    });

    it('reopens a final state when asked to', async () => {
        await card(apps.gone).getByTestId('move-button').click();
        assert.equal(await page.getByTestId('move-dialog').locator('[data-testid^="move-to-"]').count(), 0, 'a final state offers no move');
        await page.getByTestId('move-reopen').click();
        await column('applied').locator(`[data-application-id="${apps.gone.id}"]`).waitFor();
        assert.equal((await call(user.token, 'GET', `/applications/${apps.gone.id}`)).status, 'applied');
        assertNoProblems(page);
    });

    it('refuses to move a card changed elsewhere, and reloads to the latest', async () => {
        await open(page, '#/board', 'Board');
        // another tab moves the card on
        await call(user.token, 'PATCH', `/applications/${apps.today.id}`, { notes: 'changed in another tab' });
        await card(apps.today).getByTestId('move-button').click();
        await page.getByTestId('move-to-interview').click();
        const error = card(apps.today).getByTestId('card-error');
        await error.waitFor();
        assert.match(await error.textContent(), /This application was changed elsewhere — reload to see the latest\./);
        assert.equal((await call(user.token, 'GET', `/applications/${apps.today.id}`)).status, 'applied', 'nothing overwritten');
        await error.getByTestId('reload-latest').click();
        // the board drawn again (its cards' errors hidden): a click before that would
        // move the old card, with its old version, and be refused again
        await error.waitFor({ state: 'hidden' });
        await card(apps.today).getByTestId('move-button').click();
        await page.getByTestId('move-to-interview').click();
        await column('interview').locator(`[data-application-id="${apps.today.id}"]`).waitFor();
        assertNoProblems(page);
    });

    it('shows a column in pages: "Show more" asks the next ones', async () => {
        const many = await registerApi('many');
        const job = (await call(many.token, 'POST', '/jobs', { company: 'Bulk Co', title: 'Many Roles' })).id;
        for (let i = 0; i < 23; i++) await call(many.token, 'POST', '/applications', { job_id: job, status: 'offer' });
        const other = await newPage(browser);
        await signIn(other, many.token, '#/board?column=offer');
        const offers = other.getByTestId('column-offer');
        await offers.getByTestId('board-card').first().waitFor();
        assert.equal(await offers.getByTestId('column-count').textContent(), '23');
        assert.equal(await offers.getByTestId('board-card').count(), 20);
        const more = offers.getByTestId('show-more');
        assert.equal(await more.textContent(), 'Show 3 more');
        await more.click();
        await offers.getByTestId('board-card').nth(22).waitFor();
        assert.equal(await offers.getByTestId('board-card').count(), 23);
        assert.equal(await offers.getByTestId('show-more').count(), 0);
        const ids = await offers.getByTestId('board-card').evaluateAll((els) => els.map((e) => e.dataset.applicationId));
        assert.equal(new Set(ids).size, 23, 'no card twice');
        assertNoProblems(other);
        await other.context().close();
    });

    it('makes a long column usable: "Show all" in bounded steps, its header kept in view', async () => {
        const long = await registerApi('long');
        const job = (await call(long.token, 'POST', '/jobs', { company: 'Long Co', title: 'Long Column' })).id;
        for (let i = 0; i < 90; i++) await call(long.token, 'POST', '/applications', { job_id: job, status: 'offer' });
        for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
            const other = await newPage(browser, { viewport });
            await signIn(other, long.token, '#/board?column=offer');
            const offers = other.getByTestId('column-offer');
            await offers.getByTestId('board-card').first().waitFor();
            assert.equal(await offers.getByTestId('column-count').textContent(), '90');
            assert.equal(await offers.getByTestId('show-all').textContent(), 'Show all 70');
            // at most three presses of the new control hold the whole column (20 a press would not)
            for (let press = 0; press < 3 && await offers.getByTestId('show-all').count(); press++) {
                const before = await offers.getByTestId('board-card').count();
                await offers.getByTestId('show-all').click();
                await offers.getByTestId('board-card').nth(before).waitFor();
                // the keyboard stays with the column: the first card fetched has the focus
                assert.equal(await other.evaluate(() => document.activeElement.closest('[data-testid="board-card"]')
                    && [...document.activeElement.closest('ul').children].indexOf(document.activeElement.closest('li'))), before);
            }
            assert.equal(await offers.getByTestId('board-card').count(), 90, `${viewport.width} px`);
            const ids = await offers.getByTestId('board-card').evaluateAll((els) => els.map((e) => e.dataset.applicationId));
            assert.equal(new Set(ids).size, 90, 'no card twice');
            assert.equal(await offers.getByTestId('show-more').count() + await offers.getByTestId('show-all').count(), 0);
            // scrolled to the 60th card, the column's header (state and count) is still in view
            await offers.getByTestId('board-card').nth(60).scrollIntoViewIfNeeded();
            const header = await offers.getByTestId('column-header').evaluate((el) => {
                const r = el.getBoundingClientRect();
                return { top: r.top, bottom: r.bottom, height: innerHeight, text: el.textContent };
            });
            assert.ok(header.top >= 0 && header.bottom <= header.height, `${viewport.width} px: header at ${header.top}..${header.bottom}`);
            assert.match(header.text, /Offer\s*90/);
            assert.ok(await other.evaluate(() => document.documentElement.scrollWidth) <= viewport.width);
            assertNoProblems(other);
            await other.context().close();
        }
    });

    it('shows one column at a time on a phone, switched with the state buttons', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, touch: true });
        await signIn(phone, user.token, '#/board');
        await phone.getByTestId('board').waitFor();
        const visible = async () => {
            const out = [];
            for (const el of await phone.locator('.column').all()) if (await el.isVisible()) out.push(await el.getAttribute('data-status'));
            return out;
        };
        assert.equal((await visible()).length, 1);
        await phone.getByTestId('switch-phone_screen').click();
        assert.deepEqual(await visible(), ['phone_screen']);
        assert.equal(await phone.getByTestId('switch-phone_screen').getAttribute('aria-pressed'), 'true');
        assert.match(await phone.getByTestId('switch-applied').textContent(), /Applied \(2\)/);
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390);
        await checkA11y(phone, 'board on a phone');
        assertNoProblems(phone);
    });

    it('moves a card dragged by touch from its grip onto a state button', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, touch: true });
        await signIn(phone, user.token, '#/board?column=phone_screen');
        const grip = phone.locator(`[data-application-id="${apps.fresh.id}"] .grip`);
        await grip.waitFor();
        const target = phone.getByTestId('switch-interview');
        await target.scrollIntoViewIfNeeded();
        const a = await grip.boundingBox();
        const b = await target.boundingBox();
        const cdp = await phone.context().newCDPSession(phone);
        const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
        await touch('touchStart', a.x + a.width / 2, a.y + a.height / 2);
        for (let i = 1; i <= 8; i++) {
            await touch('touchMove', a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 8,
                a.y + a.height / 2 + ((b.y + b.height / 2 - a.y - a.height / 2) * i) / 8);
        }
        await touch('touchEnd');
        await phone.getByTestId('flash').filter({ hasText: 'to Interview' }).waitFor();
        assert.equal((await call(user.token, 'GET', `/applications/${apps.fresh.id}`)).status, 'interview');
        assertNoProblems(phone);
    });
});
