// A person who works only with the keyboard: every stop Tab makes shows where the focus is. A
// date field has stops inside it (month, day, year and the picker's button); on the button the
// field no longer matched :focus-visible and Chromium drew only a thin ring round the small
// calendar icon, so the amber outline (app.css) is asked of a date field with the focus within it.
// And an action done from the keyboard leaves the focus where the person was: a button that is
// disabled while it saves lost the focus to the page's body (forms.js busy() gives it back), and
// a resource's Bookmark button, replaced by "Bookmarked ✓", hands the focus on to it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

/* The focused element, as "TAG testid" ("BODY" when the focus is lost). */
function focused(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        return el === document.body ? 'BODY' : `${el.tagName} ${el.dataset.testid || el.id}`;
    });
}

/* Focuses the field id (its first stop) and tabs on through every stop inside it; returns the
 * field's outline at each. */
async function outlinesThrough(page, id) {
    const outline = (want) => page.evaluate((w) => {
        const el = document.activeElement;
        if (!el || el.id !== w) return null;
        const cs = getComputedStyle(el);
        return `${cs.outlineStyle} ${cs.outlineWidth}`;
    }, want);
    await page.locator(`#${id}`).focus();
    const seen = [await outline(id)];
    for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        const at = await outline(id);
        if (at === null) break;
        seen.push(at);
    }
    return seen;
}

describe('the focus seen from the keyboard', () => {
    let browser, page, user, job;

    before(async () => {
        browser = await launch();
        user = await registerApi('keys');
        job = await call(user.token, 'POST', '/jobs', { company: 'Keyed', title: 'Tab Stop' });
        await call(user.token, 'POST', '/applications', { job_id: job.id });
        page = await newPage(browser);
        await signIn(page, user.token, '#/tasks');
    });
    after(async () => {
        await browser?.close();
    });

    it('outlines a date field at every stop inside it, its picker button too', async () => {
        await open(page, '#/tasks', 'Tasks');
        const stops = await outlinesThrough(page, 'new-task-due');
        assert.ok(stops.length >= 2, `Tab stops inside the date field: ${stops.length}`);
        for (const stop of stops) assert.equal(stop, 'solid 3px', `every stop outlined: ${stops.join(', ')}`);

        await open(page, `#/jobs/${job.id}`, 'Tab Stop');
        const interview = page.locator('input[type="datetime-local"]').first();
        const id = await interview.getAttribute('id');
        const moreStops = await outlinesThrough(page, id);
        assert.ok(moreStops.length >= 2);
        for (const stop of moreStops) assert.equal(stop, 'solid 3px', `every stop outlined: ${moreStops.join(', ')}`);
        assertNoProblems(page);
    });

    it('keeps the focus on a saved button, a ticked box and a bookmark', async () => {
        await open(page, '#/account', 'Account');
        await page.getByTestId('preferences-submit').focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('flash').filter({ hasText: 'Preferences saved.' }).waitFor();
        await page.waitForFunction(() => !document.querySelector('[data-testid="preferences-submit"]').disabled);
        assert.equal(await focused(page), 'BUTTON preferences-submit');

        const paths = await call(user.token, 'GET', '/learning-paths');
        const path = paths.items.find((p) => p.resource_count !== 0) || paths.items[0];
        await call(user.token, 'POST', `/learning-paths/${path.id}/enroll`);
        await open(page, `#/learning/paths/${path.id}`);
        const box = page.getByTestId('resource-done').first();
        await box.focus();
        await page.keyboard.press('Space');
        await page.waitForFunction(() => !document.querySelector('[data-testid="resource-done"]').disabled);
        assert.equal(await box.isChecked(), true);
        assert.equal(await focused(page), 'INPUT resource-done');

        await open(page, '#/learning', 'Learning');
        const first = page.getByTestId('resource').first();
        await first.getByTestId('bookmark').focus();
        await page.keyboard.press('Enter');
        await first.getByTestId('unbookmark').waitFor();
        assert.equal(await focused(page), 'BUTTON unbookmark');
        await page.keyboard.press('Enter'); // and back
        await first.getByTestId('bookmark').waitFor();
        assert.equal(await focused(page), 'BUTTON bookmark');
        assertNoProblems(page);
    });

    it('saves a follow-up date with Enter and stays on it', async () => {
        const apps = await call(user.token, 'GET', `/applications?job_id=${job.id}`);
        const id = `app-${apps.items[0].id}-follow_up_date`;
        await open(page, `#/jobs/${job.id}`, 'Tab Stop');
        await page.locator(`#${id}`).fill('2031-05-20');
        await page.locator(`#${id}`).press('Enter');
        await page.getByTestId('flash').filter({ hasText: 'Application saved.' }).waitFor();
        assert.equal((await call(user.token, 'GET', `/applications/${apps.items[0].id}`)).follow_up_date, '2031-05-20');
        assert.equal(await focused(page), `INPUT ${id}`, 'the focus where the reader was, not in the notes');
        assertNoProblems(page);
    });
});

