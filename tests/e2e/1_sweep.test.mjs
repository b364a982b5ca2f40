// Every view, for a user with something in each, at 1280x800 and on a 390 px phone: it
// renders its heading, axe-core finds no serious or critical violation, nothing is wider than
// the phone's screen, no raw "null"/"undefined"/"NaN" shows, and no console error is logged
// (under the strict CSP).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { richUser, views } from './data.mjs';
import { ADMIN, assertNoProblems, checkA11y, launch, loginApi, newPage, open, signIn } from './helpers.mjs';

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
});
