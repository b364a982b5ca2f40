// Every view, for a user with something in each, at 1280x800 and on a 390 px phone: it
// renders its heading, axe-core finds no serious or critical violation, nothing is wider than
// the phone's screen, no raw "null"/"undefined"/"NaN" shows, and no console error is logged
// (under the strict CSP).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser, views } from './data.mjs';
import { ADMIN, assertNoProblems, call, checkA11y, launch, loginApi, newPage, open, registerApi, signIn } from './helpers.mjs';

const SIZES = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]];

describe('every view', () => {
    let browser, user, adminToken;

    before(async () => {
        browser = await launch();
        user = await richUser('sweep');
        adminToken = await loginApi(ADMIN.username, ADMIN.password);
    });
    after(async () => {
        await browser?.close();
    });

    for (const [size, viewport] of SIZES) {
        it(`renders accessibly on a ${size}`, async () => {
            const page = await newPage(browser, { viewport });
            await signIn(page, user.token);
            const list = [...views(user.ids)];
            for (const [name, hash, heading] of list) {
                await open(page, hash, heading);
                await checkA11y(page, `${name} (${size})`);
                // no value the code forgot to leave out or to format
                assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b|\bundefined\b|\bNaN\b|\[object Object\]/,
                    `${name} (${size}) shows a raw JavaScript value`);
                if (size === 'phone') {
                    const width = await page.evaluate(() => document.documentElement.scrollWidth);
                    assert.ok(width <= viewport.width, `${name} is ${width}px wide on a ${viewport.width}px phone`);
                }
            }
            await signIn(page, adminToken, '#/admin');
            await open(page, '#/admin', 'Administration');
            await checkA11y(page, `admin (${size})`);
            if (size === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
            await checkA11y(page, `navigation (${size})`);
            assertNoProblems(page);
            await page.context().close();
        });
    }

    it('keeps long unbroken words inside a phone\'s screen', async () => {
        // an address pasted as the company, titles and names of one long word: they break
        // instead of widening the page (they did on nine views, up to 3,498 px)
        const long = await registerApi('longwords');
        const t = long.token;
        const company = `https://careers.example.com/${'y'.repeat(50)}`;
        const job = await call(t, 'POST', '/jobs', { company, title: `Engineer-${'x'.repeat(60)}`, location: 'Z'.repeat(70) });
        const app = await call(t, 'POST', '/applications', { job_id: job.id });
        await call(t, 'PATCH', `/applications/${app.id}`, { status: 'applied', follow_up_date: '2020-01-01' });
        const contact = await call(t, 'POST', '/contacts', { name: 'N'.repeat(70), company, email: `${'a'.repeat(50)}@example.com` });
        await call(t, 'POST', '/tasks', { title: 'T'.repeat(90), job_id: job.id, due_date: '2020-01-01' });
        await call(t, 'POST', '/content', { content_type: 'cover_letter', job_id: job.id });
        await call(t, 'POST', '/feedback', { type: 'bug_report', title: 'F'.repeat(120), description: 'D'.repeat(300) });
        await call(t, 'POST', '/job-sources', { url: `https://example.com/${'f'.repeat(60)}.xml` });
        const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
        await signIn(page, t);
        for (const hash of ['#/dashboard', '#/jobs', `#/jobs/${job.id}`, `#/jobs/${job.id}/edit`, '#/board', '#/follow-ups', '#/tasks',
            '#/contacts', `#/contacts/${contact.id}`, '#/writing', '#/feedback', '#/sources']) {
            await open(page, hash);
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(width <= 390, `${hash} is ${width}px wide on a 390px phone`);
        }
        assertNoProblems(page);
        await page.context().close();
    });
});
