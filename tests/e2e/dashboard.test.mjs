// The dashboard of a user with something in every card: today against the daily goal, rates
// beside their benchmarks (markers kept inside their tracks), the funnel, sources and salaries
// in words, the skill gap linking to the catalogue, tasks, follow-ups and the next interview
// linking to their jobs, and a snapshot saved from the page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser } from './data.mjs';
import { assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

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
        // session 35: "1 interviews"
        assert.equal(await page.getByTestId('rates-counts').textContent(),
            'Out of 3 applications sent: 2 answered, 1 interview, 0 offers.');
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

// session 35: beside a coverage of 50%, the skill gap said "You have every skill the jobs that
// match you ask for" when the only open job was excluded by the preferences; a source with two
// applications of which one was sent and answered read "2 applications, 100% answered"
describe('dashboard figures and the words beside them', () => {
    let browser, page;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        const user = await registerApi('dashwords');
        const t = user.token;
        await call(t, 'PATCH', '/users/me', { skills: ['Python'] });
        await call(t, 'PUT', '/users/me/preferences', { excluded_companies: ['Evil Corp'] });
        await call(t, 'POST', '/jobs', { company: 'Evil Corp', title: 'Backend Engineer', location: 'Berlin',
            tech_stack: ['Python', 'Kotlin'], source: 'indeed' });
        const closed = await call(t, 'POST', '/jobs', { company: 'Closed GmbH', title: 'Backend Engineer',
            location: 'Berlin', tech_stack: ['Python'], source: 'indeed' });
        const answered = await call(t, 'POST', '/applications', { job_id: closed.id, status: 'applied' });
        await call(t, 'PATCH', `/applications/${answered.id}`, { status: 'rejected' });
        const saved = await call(t, 'POST', '/jobs', { company: 'Later AG', title: 'Backend Engineer',
            location: 'Berlin', source: 'indeed' });
        await call(t, 'POST', '/applications', { job_id: saved.id, status: 'interested' });
        await signIn(page, t, '#/dashboard');
        await open(page, '#/dashboard', 'Dashboard');
    });
    after(async () => {
        await browser?.close();
    });

    it('does not say every skill is covered when no job is left to advise on', async () => {
        await page.getByTestId('coverage').waitFor();
        assert.equal(await page.getByTestId('coverage').textContent(), '50%');
        const card = await page.getByTestId('no-advice').textContent();
        assert.match(card, /None of the open jobs your preferences keep names a skill/);
        assert.equal(await page.getByText('You have every skill').count(), 0);
    });

    it('says a source\'s share answered of the applications sent', async () => {
        await page.getByTestId('sources-table').waitFor();
        const sources = await page.getByTestId('sources-table').textContent();
        assert.match(sources, /2 applications \(1 sent\), 100% of those sent answered/);
        assertNoProblems(page);
    });
});

