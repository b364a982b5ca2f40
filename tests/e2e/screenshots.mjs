// Photographs every view at 1280x800 and 390x844 (full pages) for the demo user that
// `tests/e2e/run --screenshots` seeds (`copilot seed --seed 1`: s1_user001), with a résumé, texts,
// a practice session, a snapshot, feedback, a bookmark and a learning path added through the
// API, plus the admin page and the sign-in page. Writes NAME-1280.png and NAME-390.png into
// E2E_SHOTS_DIR (default build/screenshots/, git-ignored).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { enrich, views } from './data.mjs';
import { ADMIN, BASE, call, launch, loginApi, newPage, open, signIn } from './helpers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dir = process.env.E2E_SHOTS_DIR || path.join(root, 'build/screenshots');
mkdirSync(dir, { recursive: true });

const token = await loginApi('s1_user001', 'password123');
const jobs = await call(token, 'GET', '/jobs?limit=100&sort=-created_at');
const apps = await call(token, 'GET', '/applications?limit=1&sort=-updated_at');
const job = jobs.items.find((j) => j.status === 'not_applied' && j.salary_max) || jobs.items[0];
const applied = jobs.items.find((j) => j.id === apps.items[0]?.job_id) || jobs.items[1];
const ids = await enrich(token, job, applied);
const adminToken = await loginApi(ADMIN.username, ADMIN.password);

const browser = await launch();
let count = 0;
for (const [width, height] of [[1280, 800], [390, 844]]) {
    const page = await newPage(browser, { viewport: { width, height } });
    await page.goto(`${BASE}/#/login`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.screenshot({ path: path.join(dir, `login-${width}.png`), fullPage: true });
    count++;
    await signIn(page, token);
    for (const [name, hash, heading] of views(ids)) {
        await open(page, hash, heading);
        await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
        count++;
    }
    await signIn(page, adminToken, '#/admin');
    await open(page, '#/admin', 'Administration');
    await page.screenshot({ path: path.join(dir, `admin-${width}.png`), fullPage: true });
    count++;
    if (page.problems.length) console.error(`screenshots: problems at ${width}px:\n${page.problems.join('\n')}`);
    await page.context().close();
}
await browser.close();
console.log(`screenshots: ${count} pictures in ${path.relative(root, dir) || dir}`);
