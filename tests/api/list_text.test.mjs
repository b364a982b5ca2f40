// List replies written as text from the rows (issue 9, docs/performance.md "Lists written as
// text"): every item of a list is the very bytes the same row has as a single object, which is
// still built in jansson (GET /jobs/{id}, /tasks/{id}, /job-sources/{id}, /resources/{id},
// /resources/{id}/bookmark), and the envelope is {"items",...,"total","limit","offset"} in that
// order. The rows hold what the writer must get right: escapes, control characters, non-ASCII
// and the largest code point, NULLs, reals, JSON columns, members a hook adds (overdue,
// page_url, resource), and rows written with raw SQL that the API would refuse (on SQLite with
// the CHECK constraints off: text that is not UTF-8, written with U+FFFD for each invalid byte
// (docs/decisions.md); integers as text, reals in integer columns, JSON columns that are not
// arrays; on PostgreSQL an infinite rating, left out).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ENGINE, expectStatus, registerUser, sqlRows, startServer, today } from './helpers.mjs';

describe('lists written as text', () => {
    let srv;
    let alice;
    const jobs = [];

    /* A GET whose body may lack members the document requires (the rows jansson refuses). */
    const raw = async (p, token = alice.token) => {
        const res = await srv.api('GET', p, { token, unchecked: true });
        assert.equal(res.status, 200, `${p}: ${res.text}`);
        return res;
    };
    /* Asserts the list at path is, byte for byte, the envelope around the single objects of its
     * items as GET one(item) answers them (signed out when anonymous: the public catalogue's
     * resource, without the caller's bookmark and rating). */
    async function sameBytes(path, one, anonymous = false) {
        const list = await raw(path);
        const items = [];
        for (const item of list.body.items) items.push((await raw(one(item), anonymous ? null : alice.token)).text);
        const { total, limit, offset } = list.body;
        assert.equal(list.text,
            `{"items":[${items.join(',')}],"total":${total},"limit":${limit},"offset":${offset}}`, path);
        return list.body;
    }
    const sql = (text) => sqlRows(srv.dbUrl, ENGINE === 'sqlite'
        ? `PRAGMA ignore_check_constraints = 1; ${text}` : text);

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        const post = async (p, body) => expectStatus(await srv.api('POST', p, { token: alice.token, body }), 201);
        const texts = ['Tab\tquote" back\\ slash / Zürich </script> \u0001\u001f\u007f \u2028\u2029 😀 \u{10FFFF}',
            'plain', '', 'Ünïcödé — “quotes”', 'line\nbreak\r\n'];
        for (let i = 0; i < 12; i++) {
            jobs.push(await post('/jobs', {
                company: `Company ${i} ${texts[i % texts.length]}`,
                title: `Title ${i} ${texts[(i + 1) % texts.length]}`,
                location: i % 3 ? null : texts[i % texts.length],
                salary_min: i % 4 ? 1000 * i : null,
                salary_max: i % 4 ? 2000 * i + 1 : null,
                tech_stack: i % 2 ? ['Go', texts[i % texts.length], 'é'] : [],
                documents_required: i % 5 ? null : ['cv', '"cover"'],
                notes: i % 2 ? texts[(i + 2) % texts.length] : null,
                date_applied: i % 3 ? today(-i) : null,
            }));
        }
        for (let i = 0; i < 6; i++) {
            const t = await post('/tasks', { title: `Task ${i} ${texts[i % texts.length]}`, due_date: i % 3 ? today(i - 3) : null, job_id: jobs[i].id });
            if (i === 1) expectStatus(await srv.api('PATCH', `/tasks/${t.id}`, { token: alice.token, body: { done: true } }), 200);
        }
        await post('/job-sources', { url: 'https://boards.greenhouse.io/textco', enabled: false });
        await post('/job-sources', { url: 'https://jobs.lever.co/leverco', enabled: false });
        const resources = (await raw('/resources?limit=6&sort=title')).body.items;
        for (const r of resources) await post(`/resources/${r.id}/bookmark`, { notes: 'n' });
        for (const a of ['created_at', 'status']) await post('/applications', { job_id: jobs[a === 'status' ? 1 : 0].id, follow_up_date: a === 'status' ? today(-2) : today(3) });

        // what only raw SQL writes
        const [first, second, third, fourth] = resources.map((r) => r.id);
        sql(`UPDATE career_resources SET rating = 1.0/3 WHERE id = ${first}`);
        sql(`UPDATE career_resources SET rating = 2.0 WHERE id = ${second}`);
        if (ENGINE === 'sqlite') {
            sql(`UPDATE career_resources SET rating = 1e-300 WHERE id = ${third}`);
            sql(`UPDATE career_resources SET rating = 'inf' WHERE id = ${fourth}`);
            sql(`UPDATE jobs SET company = CAST(X'ff41' AS TEXT) WHERE id = ${jobs[0].id}`);
            sql(`UPDATE jobs SET title = CAST(X'eda080' AS TEXT), description = CAST(X'c328' AS TEXT) WHERE id = ${jobs[1].id}`);
            sql(`UPDATE jobs SET salary_min = '007x', salary_max = 2.5 WHERE id = ${jobs[2].id}`);
            sql(`UPDATE jobs SET tech_stack = 'not json', documents_required = '{"a":[1,2.25,null,-0.0,1e-7,1e400]}' WHERE id = ${jobs[3].id}`);
            sql(`UPDATE jobs SET tech_stack = '"just a string"', salary_max = 9223372036854775807 WHERE id = ${jobs[4].id}`);
            sql(`UPDATE jobs SET tech_stack = CAST(X'5b22ff225d' AS TEXT), location = CAST(X'f4908080' AS TEXT) WHERE id = ${jobs[5].id}`);
            sql(`UPDATE jobs SET tech_stack = '[1e5, 0.1, 123456789012345678901, 1.0]' WHERE id = ${jobs[6].id}`);
        } else {
            sql(`ALTER TABLE career_resources DROP CONSTRAINT career_resources_rating_check; UPDATE career_resources SET rating = 'Infinity' WHERE id = ${fourth}`);
            sql(`UPDATE jobs SET salary_max = 2147483647, tech_stack = '[1e5, 0.1, 123456789012345678901, 1.0]' WHERE id = ${jobs[6].id}`);
        }
    });
    after(async () => { await srv?.stop(); });

    test('job lists and searches are the single jobs, byte for byte', async () => {
        let seen = 0;
        for (const q of ['sort=created_at&limit=100', 'sort=-title&limit=5&offset=3', 'sort=salary_max&limit=7',
            'sort=-date_applied&limit=100', 'q=company&limit=100', 'q=title&sort=company&limit=3&offset=2',
            'remote_option=remote&limit=5', 'limit=5&offset=100']) {
            seen += (await sameBytes(`/jobs?${q}`, (j) => `/jobs/${j.id}`)).items.length;
        }
        assert.ok(seen > 30, 'the lists were not empty');
        const list = (await raw('/jobs?sort=created_at&limit=100')).body.items;
        if (ENGINE === 'sqlite') { // text not UTF-8: U+FFFD for each byte that starts no valid sequence
            assert.equal(list[0].company, '\uFFFDA');
            assert.equal(list[1].title, '\uFFFD\uFFFD\uFFFD');
            assert.equal(list[1].description, '\uFFFD(');
            assert.equal(list[2].salary_min, 7);
            assert.equal(list[2].salary_max, 2);
            assert.equal(list[3].tech_stack, 'not json');
            assert.equal(list[4].tech_stack, 'just a string');
            assert.equal(list[5].location, '\uFFFD\uFFFD\uFFFD\uFFFD');
            assert.deepEqual(list[5].tech_stack, ['\uFFFD']);
        }
        assert.equal(list[7].title, jobs[7].title);
    });

    test('tasks carry overdue, job sources page_url, bookmarks their resource, as the single objects do', async () => {
        const tasks = await sameBytes('/tasks?sort=due_date&limit=100', (t) => `/tasks/${t.id}`);
        assert.deepEqual(tasks.items.map((t) => t.overdue), tasks.items.map((t) => !t.done && t.due_date !== null && t.due_date < today()));
        assert.ok(tasks.items.some((t) => t.overdue) && tasks.items.some((t) => t.done));
        const sources = await sameBytes('/job-sources?sort=name', (s) => `/job-sources/${s.id}`);
        assert.ok(sources.items.every((s) => typeof s.page_url === 'string'), 'page_url');
        await sameBytes('/job-sources?sort=name&limit=1&offset=1', (s) => `/job-sources/${s.id}`);
        const marks = await sameBytes('/resources/bookmarks?sort=created_at', (b) => `/resources/${b.resource_id}/bookmark`);
        assert.equal(marks.items.length, 6);
        const rated = await sameBytes('/resources?sort=title&limit=6', (r) => `/resources/${r.id}`, true);
        const text = (await raw('/resources?sort=title&limit=6')).text;
        assert.match(text, /"rating":0\.3{7,}4?[,}]/);
        assert.match(text, /"rating":2\.0[,}]/);
        assert.equal(rated.items.filter((r) => !('rating' in r)).length, 1, 'the infinite rating is left out');
    });

    test('follow-ups carry overdue; an empty page is []', async () => {
        const ups = (await raw('/applications/follow-ups')).body;
        assert.deepEqual(ups.items.map((a) => a.overdue), [true]);
        const apps = await raw('/applications?sort=created_at');
        assert.equal(apps.body.items.length, 2);
        assert.match(apps.text, /^\{"items":\[\{"id":\d+,/);
        const empty = await raw('/jobs?limit=3&offset=500');
        assert.equal(empty.text, `{"items":[],"total":${jobs.length},"limit":3,"offset":500}`);
        const none = await raw('/jobs?q=nothingmatchesthis');
        assert.equal(none.text, '{"items":[],"total":0,"limit":20,"offset":0}');
    });
});
