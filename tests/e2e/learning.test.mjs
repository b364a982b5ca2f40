// Learning: the dashboard's missing skill leads to the catalogue filtered by it; search and
// filters; bookmark, rate and mark completed; resources recommended for missing skills; the
// bookmarks; a learning path followed, progressed and left.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('learning', () => {
    let browser, page, user;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('learn');
        await call(user.token, 'PATCH', '/users/me', { skills: ['Python'] });
        for (const [title, stack] of [['Platform Engineer', ['Docker', 'Kubernetes']], ['Go Engineer', ['Go', 'Docker']]])
            await call(user.token, 'POST', '/jobs', { company: `${title} Co`, title, tech_stack: stack });
        await signIn(page, user.token, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('goes from a missing skill on the dashboard to resources teaching it', async () => {
        await open(page, '#/dashboard', 'Dashboard');
        const link = page.getByTestId('missing-skills').getByRole('link', { name: 'Learn Docker' });
        await link.click();
        await page.waitForURL(/#\/learning\?skill=Docker$/);
        await page.getByTestId('resources').waitFor();
        assert.equal(await page.locator('#res-skill').inputValue(), 'Docker');
        for (const text of await page.getByTestId('resource').allTextContents()) assert.match(text, /docker/i);
        await checkA11y(page, 'catalogue');
    });

    it('searches and filters the catalogue', async () => {
        await open(page, '#/learning', 'Learning');
        await page.locator('#res-q').fill('postgresql');
        await page.getByTestId('resource-search-submit').click();
        await page.waitForURL(/q=postgresql/);
        await page.getByTestId('resource').first().waitFor();
        await page.locator('#res-price').selectOption('free');
        await page.waitForURL(/price=free/);
        await page.getByTestId('resource').first().waitFor();
        for (const text of await page.getByTestId('resource').allTextContents()) assert.match(text, /Free/);
    });

    it('bookmarks, rates and marks a resource completed', async () => {
        const first = page.getByTestId('resource').first();
        const id = await first.getAttribute('data-resource-id');
        const item = page.locator(`[data-testid="resource"][data-resource-id="${id}"]`);
        await item.getByTestId('bookmark').click();
        await item.getByTestId('unbookmark').waitFor();
        await item.getByTestId('rate').click();
        await page.getByTestId('rate-dialog').waitFor();
        // a dialog without its own action row shows no stray "null" text
        assert.doesNotMatch(await page.getByTestId('rate-dialog').textContent(), /null/);
        await checkA11y(page, 'rating dialog');
        await page.locator('#rate-stars').selectOption('5');
        await page.locator('#rate-recommend').check();
        await page.getByTestId('rate-submit').click();
        await page.getByTestId('flash').filter({ hasText: 'Thanks for rating' }).waitFor();
        assert.match(await item.textContent(), /rated 5(\.0)? of 5/);
        await item.getByTestId('mark-completed').click();
        await item.locator('.badge', { hasText: 'Completed' }).waitFor();
        const bookmarks = await call(user.token, 'GET', '/resources/bookmarks');
        assert.equal(bookmarks.items.find((b) => String(b.resource_id) === id).status, 'completed');
        await open(page, '#/learning/bookmarks', 'Learning');
        assert.equal(await page.getByTestId('resource').count(), 1);
        await item.getByTestId('unbookmark').click();
        await page.getByTestId('flash').filter({ hasText: 'Removed' }).waitFor();
    });

    it('recommends resources for the missing skills', async () => {
        await open(page, '#/learning/recommended', 'Learning');
        await page.getByTestId('recommended-resources').waitFor();
        assert.match(await page.locator('#view').textContent(), /For the skills your jobs ask for that your profile lacks: .*(Docker|docker)/);
        await checkA11y(page, 'recommended resources');
    });

    it('follows a learning path, ticks a resource and leaves it', async () => {
        await open(page, '#/learning/paths', 'Learning');
        await page.getByTestId('path').first().getByRole('link').click();
        await page.waitForURL(/#\/learning\/paths\/\d+$/);
        await page.getByTestId('enroll').click();
        await page.getByTestId('flash').filter({ hasText: 'You now follow' }).waitFor();
        assert.equal(await page.getByTestId('progress-percent').textContent(), '0%');
        await page.getByTestId('resource-done').first().check();
        await page.getByTestId('progress-percent').filter({ hasNotText: /^0%$/ }).waitFor();
        assert.match(await page.getByTestId('path-progress').textContent(), /1 of \d+ resources done/);
        await checkA11y(page, 'learning path');
        await open(page, '#/learning/paths', 'Learning');
        assert.equal(await page.getByTestId('enrolled-paths').getByTestId('path').count(), 1);
        await page.getByTestId('enrolled-paths').getByRole('link').first().click();
        await page.getByTestId('unenroll').click();
        await page.getByTestId('confirm-ok').click();
        await page.getByTestId('enroll').waitFor();
        assert.equal((await call(user.token, 'GET', '/learning-paths/enrolled')).total, 0);
        assertNoProblems(page);
    });
});
