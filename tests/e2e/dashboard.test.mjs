// The dashboard of a user with something in every card: today against the daily goal, rates
// beside their benchmarks (markers kept inside their tracks), the funnel, sources and salaries
// in words, the skill gap linking to the catalogue, tasks, follow-ups and the next interview
// linking to their jobs, and a snapshot saved from the page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser } from './data.mjs';
import { assertNoProblems, checkA11y, launch, newPage, open, signIn } from './helpers.mjs';

describe('dashboard', () => {
    let browser, page, user;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await richUser('dash');
        await signIn(page, user.token, '#/dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('shows today against the daily goal', async () => {
        await open(page, '#/dashboard', 'Dashboard');
        assert.match(await page.getByTestId('goal-progress').textContent(), /^\d+ of 3$/);
        await checkA11y(page, 'dashboard');
    });

    it('keeps every rate marker inside its track, a rate above the scale included', async () => {
        // 2 of the 3 applications were answered: 66.7 %, beyond the "strong" end of the scale
        assert.match(await page.getByTestId('bench-response').textContent(), /66\.7%.*strong/);
        for (const name of ['response', 'interview', 'offer']) {
            const bench = page.getByTestId(`bench-${name}`);
            const track = await bench.locator('.bench-track').boundingBox();
            const marker = await bench.locator('.bench-marker').boundingBox();
            assert.ok(marker.x >= track.x - 0.5 && marker.x + marker.width <= track.x + track.width + 0.5,
                `the ${name} marker (${marker.x}..${marker.x + marker.width}) leaves its track (${track.x}..${track.x + track.width})`);
        }
    });

    it('says the funnel, sources and salaries in words', async () => {
        await page.getByTestId('funnel-table').waitFor();
        assert.match(await page.getByTestId('funnel-table').textContent(), /Applied/);
        const sources = await page.getByTestId('sources-table').textContent();
        assert.match(sources, /LinkedIn/);
        assert.doesNotMatch(sources, /Linkedin|linkedin/);
        const salaries = await page.getByTestId('salaries-table').textContent();
        assert.match(salaries, /€/);
        assert.match(salaries, /£/);
    });

    it('links each missing skill to resources teaching it', async () => {
        const link = page.getByTestId('missing-skills').locator('a').first();
        assert.match(await link.getAttribute('href'), /^#\/learning\?skill=/);
    });

    it('lists the tasks and follow-ups due and the next interview, each linking to its job', async () => {
        assert.match(await page.getByTestId('due-tasks').textContent(), /Send the references/);
        const followUps = page.getByTestId('follow-ups');
        assert.ok(await followUps.locator('a[href^="#/jobs/"]').count() >= 2);
        const interview = page.getByTestId('interviews').locator('a[href^="#/jobs/"]');
        assert.match(await interview.first().textContent(), /Senior Platform Engineer at Gamma Cloud/);
    });

    it('saves today’s figures as a snapshot', async () => {
        const before = await page.getByTestId('snapshot-count').textContent();
        assert.match(before, /^1 snapshot,/);
        await page.getByTestId('save-snapshot').click();
        await page.getByTestId('flash').filter({ hasText: 'Snapshot saved.' }).waitFor();
        await page.getByTestId('snapshot-count').filter({ hasText: /^2 snapshots,/ }).waitFor();
        assertNoProblems(page);
    });
});
