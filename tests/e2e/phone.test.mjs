// The page on a 390x844 phone as a thumb meets it: no view scrolls sideways, as a whole or in a
// part of it (the board's state buttons did: 9 of 11 reached past the screen's right edge), and every
// control is big enough to tap (buttons, fields and selects at least 40 px tall, buttons 40 px
// wide, checkboxes 24 px with their label; they were 29-39 px, disclosure lines 23 px).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser, views } from './data.mjs';
import { assertNoProblems, launch, newPage, open, signIn } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };

/* What a reader would find wrong on the page as it is: the page wider than the screen, a part of
 * it that scrolls sideways, an element reaching past the screen's edges, a control too small. */
function measure() {
    const W = window.innerWidth;
    const out = { width: document.documentElement.scrollWidth, sideways: [], outside: [], small: [] };
    const name = (el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${
        (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll('.topbar *, .sidenav *, #view *')) {
        // what a reader cannot see: visually hidden text, a table's head clipped to 1 px on a
        // phone (its cells are labelled), a closed <details>'s content
        if (el.closest('.sr-only, [aria-hidden="true"], thead') || el.closest('details:not([open]) > :not(summary)')) continue;
        const b = el.getBoundingClientRect();
        if (!b.width && !b.height) continue; // not drawn (display: none, a closed <details>)
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden') continue;
        if (/auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) out.sideways.push(`${name(el)} ${el.scrollWidth}/${el.clientWidth}`);
        if (b.right > W + 0.5 || b.left < -0.5) out.outside.push(`${name(el)} ${Math.round(b.left)}..${Math.round(b.right)}`);
        const tag = el.tagName.toLowerCase();
        if (tag === 'input' && (el.type === 'checkbox' || el.type === 'radio')) {
            if (b.width < 24 || b.height < 24) out.small.push(`${name(el)} ${Math.round(b.width)}x${Math.round(b.height)}`);
        } else if (tag === 'button' || tag === 'select' || tag === 'textarea' || tag === 'summary' ||
            (tag === 'input' && el.type !== 'hidden' && el.type !== 'file') || (tag === 'a' && el.matches('.button, .sidenav a'))) {
            const wide = tag === 'button' || tag === 'a' ? 40 : 0;
            if (b.height < 40 || b.width < wide) out.small.push(`${name(el)} ${Math.round(b.width)}x${Math.round(b.height)}`);
        }
    }
    return out;
}

describe('on a phone', () => {
    let browser, user;

    before(async () => {
        browser = await launch();
        user = await richUser('phone');
    });
    after(async () => {
        await browser?.close();
    });

    it('no view scrolls sideways and every control is big enough to tap', async () => {
        const page = await newPage(browser, { viewport: PHONE });
        await signIn(page, user.token);
        const problems = [];
        for (const [name, hash, heading] of views(user.ids)) {
            await open(page, hash, heading);
            const m = await page.evaluate(measure);
            if (m.width > PHONE.width) problems.push(`${name}: the page is ${m.width}px wide`);
            for (const what of m.sideways) problems.push(`${name}: scrolls sideways: ${what}`);
            for (const what of m.outside) problems.push(`${name}: past the screen's edge: ${what}`);
            for (const what of m.small) problems.push(`${name}: too small to tap: ${what}`);
        }
        // the navigation the Menu button opens
        await page.getByRole('button', { name: 'Menu' }).click();
        const m = await page.evaluate(measure);
        for (const what of m.small) problems.push(`navigation: too small to tap: ${what}`);
        assert.deepEqual(problems, []);
        assertNoProblems(page);
        await page.context().close();
    });

    it('shows every state of the board at once, above the column, and each shows its column', async () => {
        const page = await newPage(browser, { viewport: PHONE });
        await signIn(page, user.token, '#/board');
        await open(page, '#/board', 'Board');
        const group = page.getByRole('group', { name: 'Column to show' });
        const buttons = group.getByRole('button');
        const count = await buttons.count();
        assert.ok(count >= 10, `${count} state buttons`);
        const boxes = await buttons.evaluateAll((list) => list.map((b) => b.getBoundingClientRect().toJSON()));
        for (const [i, b] of boxes.entries()) {
            assert.ok(b.left >= 0 && b.right <= PHONE.width, `state button ${i} is at ${b.left}..${b.right}`);
            assert.ok(b.bottom <= PHONE.height, `state button ${i} is below the first screen (${b.bottom})`);
            assert.ok(b.height >= 40 && b.width >= 40, `state button ${i} is ${b.width}x${b.height}`);
        }
        const sideways = await group.evaluate((g) => g.scrollWidth - g.clientWidth);
        assert.ok(sideways <= 1, `the state buttons scroll ${sideways}px sideways`);
        // the last state, at the end of the row before, is there to tap and shows its column
        const last = buttons.nth(count - 1);
        const status = (await last.getAttribute('data-testid')).replace(/^switch-/, '');
        await last.click();
        assert.equal(await last.getAttribute('aria-pressed'), 'true');
        await page.locator(`.column[data-status="${status}"]`).waitFor({ state: 'visible' });
        assert.equal(await page.locator('.column').filter({ visible: true }).count(), 1);
        assertNoProblems(page);
        await page.context().close();
    });
});
