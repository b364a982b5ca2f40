// The calendar (SPEC part E): GET /calendar?from=&to= (follow-ups, interviews and offers of a range
// of at most 366 days), the feed token (POST to create or rotate, GET to see it, DELETE to revoke)
// and GET /calendar.ics?token= read by a calendar program: RFC 5545 checked by a small parser here
// (CRLF, lines of at most 75 octets never split inside a character, escaped text, stable UIDs).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    createApplication, createJob, expectError, expectStatus, registerUser, startServer, today,
} from './helpers.mjs';

/* Parses an iCalendar text strictly enough to catch a broken writer: returns the VCALENDAR's
 * properties and its VEVENTs, each a map of NAME (with parameters kept apart) to values. */
function parseIcs(text) {
    assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
    const raw = text.slice(0, -2).split('\r\n');
    const bytes = (s) => Buffer.byteLength(s, 'utf8');
    const lines = [];
    for (const line of raw) {
        assert.ok(!line.includes('\n') && !line.includes('\r'), `a bare line break in ${JSON.stringify(line)}`);
        assert.ok(bytes(line) <= 75, `a line of ${bytes(line)} octets: ${line}`);
        assert.ok(!line.includes('\uFFFD'), 'no character was split');
        if (line.startsWith(' ')) {
            assert.ok(lines.length, 'a continuation needs a line before it');
            lines[lines.length - 1] += line.slice(1);
        } else {
            lines.push(line);
        }
    }
    const unescape = (v) => v.replace(/\\([\\;,nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));
    const calendar = { props: {}, events: [] };
    let current = null;
    for (const line of lines) {
        const colon = line.indexOf(':');
        assert.ok(colon > 0, `a content line has a name: ${line}`);
        const [name, ...params] = line.slice(0, colon).split(';');
        const value = line.slice(colon + 1);
        if (name === 'BEGIN' && value === 'VEVENT') { current = { params: {} }; continue; }
        if (name === 'END' && value === 'VEVENT') { calendar.events.push(current); current = null; continue; }
        const target = current || calendar.props;
        target[name] = ['SUMMARY', 'DESCRIPTION', 'X-WR-CALNAME'].includes(name) ? unescape(value) : value;
        if (current) current.params[name] = params;
    }
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.equal(calendar.props.VERSION, '2.0');
    assert.ok(calendar.props.PRODID);
    for (const ev of calendar.events) {
        for (const key of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) assert.ok(ev[key], `VEVENT has ${key}`);
        assert.match(ev.DTSTAMP, /^\d{8}T\d{6}Z$/);
    }
    return calendar;
}

describe('calendar', () => {
    let srv;
    let alice;
    let bob;
    let apps;
    const day = (n) => today(n);
    const compact = (d) => d.replace(/-/g, '');

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        apps = {
            follow: await createApplication(srv, alice.token, { follow_up_date: day(3) }, { company: 'Acme, Inc; Ltd', title: 'Backend Engineer' }),
            interview: await createApplication(srv, alice.token, { status: 'applied', interview_date: `${day(5)}T14:30:00Z` }, { company: 'Zürich Straße GmbH', title: `Ingénieure logicielle ${'très '.repeat(12)}expérimentée` }),
            offer: await createApplication(srv, alice.token, { status: 'applied', offer_date: day(5), follow_up_date: day(5) }, { company: 'Offerly', title: 'Lead' }),
            later: await createApplication(srv, alice.token, { follow_up_date: day(400) }),
        };
        await createApplication(srv, bob.token, { follow_up_date: day(3) }, { company: 'Bob Corp', title: 'Hidden' });
    });
    after(async () => { await srv?.stop(); });

    const events = async (who, from, to) =>
        expectStatus(await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: who.token }), 200);

    describe('GET /calendar', () => {
        test('follow-ups, interviews and offers of the range, in time order, own only', async () => {
            const body = await events(alice, day(0), day(30));
            assert.equal(body.from, day(0));
            assert.equal(body.to, day(30));
            const seen = body.events.map((e) => [e.type, e.date, e.application_id]);
            assert.deepEqual(seen, [
                ['follow_up', day(3), apps.follow.id],
                ['follow_up', day(5), apps.offer.id],
                ['offer', day(5), apps.offer.id],
                ['interview', day(5), apps.interview.id],
            ]);
            const interview = body.events.find((e) => e.type === 'interview');
            assert.equal(interview.datetime, `${day(5)}T14:30:00Z`);
            assert.equal(interview.job_id, apps.interview.job_id);
            assert.equal(interview.task_id, null);
            assert.match(interview.title, /^Interview: Ingénieure logicielle .* at Zürich Straße GmbH$/);
            const follow = body.events[0];
            assert.equal(follow.title, 'Follow up: Backend Engineer at Acme, Inc; Ltd');
            assert.equal(follow.datetime, null);
            for (const e of body.events) for (const key of ['type', 'date', 'datetime', 'title', 'application_id', 'job_id', 'task_id']) assert.ok(key in e, key);
        });

        test('the range includes both ends and nothing outside', async () => {
            assert.deepEqual((await events(alice, day(3), day(3))).events.map((e) => e.application_id), [apps.follow.id]);
            assert.deepEqual((await events(alice, day(4), day(4))).events, []);
            assert.equal((await events(alice, day(5), day(5))).events.length, 3, 'an interview at 14:30 belongs to its day');
            assert.deepEqual((await events(alice, day(6), day(300))).events, []);
        });

        test('366 days at most; from and to required and well-formed; to not before from', async () => {
            expectStatus(await srv.api('GET', `/calendar?from=2024-01-01&to=2024-12-31`, { token: alice.token }), 200); // 366 days (leap year)
            expectError(await srv.api('GET', `/calendar?from=2024-01-01&to=2025-01-01`, { token: alice.token }), 422, 'validation_failed', 'to');
            expectError(await srv.api('GET', `/calendar?from=2025-01-02&to=2025-01-01`, { token: alice.token }), 422, 'validation_failed', 'to');
            expectError(await srv.api('GET', `/calendar?to=2025-01-01`, { token: alice.token }), 422, 'validation_failed', 'from');
            expectError(await srv.api('GET', `/calendar?from=2025-01-01`, { token: alice.token }), 422, 'validation_failed', 'to');
            expectError(await srv.api('GET', `/calendar?from=2025-02-30&to=2025-03-01`, { token: alice.token }), 422, 'validation_failed', 'from');
            expectError(await srv.api('GET', `/calendar?from=tomorrow&to=2025-03-01`, { token: alice.token }), 422, 'validation_failed', 'from');
            expectError(await srv.api('GET', `/calendar?from=2025-01-01&to=2025-01-31`), 401, 'unauthorized');
        });

        /* the date reader every route shares (src/http/request.c): the field always the argument,
         * its words those of a list filter on a date, a required one missing or empty "is
         * required", the first of repeated arguments read */
        test('the answers for missing, empty, malformed, out-of-range and repeated dates', async () => {
            const refusal = async (query, field) =>
                expectError(await srv.api('GET', `/calendar?${query}`, { token: alice.token }), 422, 'validation_failed', field).message;
            assert.equal(await refusal('to=2025-01-01', 'from'), 'from is required (YYYY-MM-DD)');
            assert.equal(await refusal('from=2025-01-01', 'to'), 'to is required (YYYY-MM-DD)');
            assert.equal(await refusal('from=&to=2025-01-01', 'from'), 'from is required (YYYY-MM-DD)');
            assert.equal(await refusal('from=2025-01-01&to=', 'to'), 'to is required (YYYY-MM-DD)');
            assert.equal(await refusal('from=x&to=2025-01-01', 'from'), 'from must be a date (YYYY-MM-DD)');
            assert.equal(await refusal('from=2025-01-01&to=2025-13-01', 'to'), 'to must be a date (YYYY-MM-DD)');
            assert.equal(await refusal('from=1899-12-31&to=1900-01-05', 'from'), 'from must be a date (YYYY-MM-DD)');
            assert.equal(await refusal('from=bad&from=2025-01-01&to=2025-01-02', 'from'), 'from must be a date (YYYY-MM-DD)');
            const range = expectStatus(await srv.api('GET', '/calendar?from=2025-01-01&to=2025-01-02&from=bad', { token: alice.token }), 200);
            assert.equal(range.from, '2025-01-01');
            assert.equal(expectStatus(await srv.api('GET', '/calendar?from=1900-01-01&to=1900-01-02', { token: alice.token }), 200).from, '1900-01-01');
        });

        test('another user sees only their own', async () => {
            const body = await events(bob, day(0), day(30));
            assert.equal(body.events.length, 1);
            assert.match(body.events[0].title, /Hidden at Bob Corp/);
        });
    });

    describe('the feed', () => {
        const feedGet = async (url) => {
            const u = new URL(url);
            return srv.request('GET', u.pathname + u.search);
        };

        test('POST creates a 256-bit token shown once in a URL; the feed needs no bearer', async () => {
            expectError(await srv.api('GET', '/calendar/feed', { token: alice.token }), 404, 'not_found');
            const res = await srv.api('POST', '/calendar/feed', { token: alice.token });
            const feed = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', /\/api\/v1\/calendar\/feed$/);
            const url = new URL(feed.url);
            assert.equal(url.pathname, '/api/v1/calendar.ics');
            const token = url.searchParams.get('token');
            assert.ok(Buffer.from(token, 'base64url').length >= 32, 'at least 256 bits');
            const shown = expectStatus(await srv.api('GET', '/calendar/feed', { token: alice.token }), 200);
            assert.equal(shown.created_at, feed.created_at);
            assert.ok(!('url' in shown) && !JSON.stringify(shown).includes(token), 'the token is never shown again');

            const ics = await feedGet(feed.url);
            assert.equal(ics.status, 200);
            assert.match(ics.headers.get('content-type'), /^text\/calendar/);
            const cal = parseIcs(ics.text);
            assert.equal(cal.props['X-WR-CALNAME'], 'Career Copilot');
            const uids = cal.events.map((e) => e.UID);
            assert.deepEqual(new Set(uids).size, uids.length, 'UIDs are unique');
            const byUid = Object.fromEntries(cal.events.map((e) => [e.UID, e]));
            const follow = byUid[`application-${apps.follow.id}-follow_up@career-copilot`];
            assert.ok(follow, `the follow-up is in the feed: ${uids}`);
            assert.deepEqual(follow.params.DTSTART, ['VALUE=DATE']);
            assert.equal(follow.DTSTART, compact(day(3)));
            assert.equal(follow.DTEND, compact(day(4)));
            assert.equal(follow.SUMMARY, 'Follow up: Backend Engineer at Acme, Inc; Ltd', 'commas and semicolons survive escaping');
            assert.match(follow.URL, new RegExp(`/#/jobs/${apps.follow.job_id}$`));
            assert.ok(follow.DESCRIPTION.includes(follow.URL));
            const interview = byUid[`application-${apps.interview.id}-interview@career-copilot`];
            assert.equal(interview.DTSTART, `${compact(day(5))}T143000Z`);
            assert.match(interview.SUMMARY, /^Interview: Ingénieure logicielle (très ){12}expérimentée at Zürich Straße GmbH$/, 'a long UTF-8 summary folds and unfolds intact');
            assert.ok(byUid[`application-${apps.offer.id}-offer@career-copilot`]);
            assert.ok(!ics.text.includes('Hidden'), 'only the owner\'s events');
            // the raw text folds the long summary over several lines
            assert.ok(ics.text.split('\r\n').some((l) => l.startsWith(' ')), 'long lines are folded');

            // stable: the same UIDs on the next fetch
            const again = parseIcs((await feedGet(feed.url)).text);
            assert.deepEqual(again.events.map((e) => e.UID), uids);
            const used = expectStatus(await srv.api('GET', '/calendar/feed', { token: alice.token }), 200);
            assert.ok(used.last_used_at, 'the feed notes when a calendar read it');
        });

        test('posting again rotates the token: the old URL stops working', async () => {
            const first = expectStatus(await srv.api('POST', '/calendar/feed', { token: bob.token }), 201);
            const second = expectStatus(await srv.api('POST', '/calendar/feed', { token: bob.token }), 201);
            assert.notEqual(first.url, second.url);
            expectError(await feedGet(first.url), 404, 'not_found');
            assert.equal((await feedGet(second.url)).status, 200);
        });

        test('DELETE revokes it; a bad or missing token is 404', async () => {
            const user = await registerUser(srv);
            const feed = expectStatus(await srv.api('POST', '/calendar/feed', { token: user.token }), 201);
            expectStatus(await srv.api('DELETE', '/calendar/feed', { token: user.token }), 204);
            expectError(await feedGet(feed.url), 404, 'not_found');
            expectError(await srv.api('DELETE', '/calendar/feed', { token: user.token }), 404, 'not_found');
            expectError(await srv.api('GET', '/calendar.ics'), 404, 'not_found');
            expectError(await srv.api('GET', '/calendar.ics?token=nope'), 404, 'not_found');
            expectError(await srv.api('GET', `/calendar.ics?token=${'A'.repeat(43)}`), 404, 'not_found');
            // a session token is not a feed token, and a feed token is not a bearer
            expectError(await srv.api('GET', `/calendar.ics?token=${user.token}`), 404, 'not_found');
            const other = expectStatus(await srv.api('POST', '/calendar/feed', { token: user.token }), 201);
            const feedToken = new URL(other.url).searchParams.get('token');
            expectError(await srv.api('GET', '/users/me', { token: feedToken }), 401, 'unauthorized');
            expectError(await srv.api('POST', '/calendar/feed'), 401, 'unauthorized');
            expectError(await srv.api('DELETE', '/calendar/feed'), 401, 'unauthorized');
        });

        test('an empty calendar is still a valid one', async () => {
            const user = await registerUser(srv);
            await createJob(srv, user.token);
            const feed = expectStatus(await srv.api('POST', '/calendar/feed', { token: user.token }), 201);
            const cal = parseIcs((await feedGet(feed.url)).text);
            assert.deepEqual(cal.events, []);
        });

        test('deleting the account takes its feed along', async () => {
            const user = await registerUser(srv);
            const feed = expectStatus(await srv.api('POST', '/calendar/feed', { token: user.token }), 201);
            expectStatus(await srv.api('DELETE', '/users/me', { token: user.token }), 204);
            expectError(await feedGet(feed.url), 404, 'not_found');
        });

        test('COPILOT_PUBLIC_URL makes the links', async () => {
            const other = await startServer({ env: { COPILOT_PUBLIC_URL: 'https://copilot.example/' } });
            try {
                const user = await registerUser(other);
                await createApplication(other, user.token, { follow_up_date: day(1) });
                const feed = expectStatus(await other.api('POST', '/calendar/feed', { token: user.token }), 201);
                assert.match(feed.url, /^https:\/\/copilot\.example\/api\/v1\/calendar\.ics\?token=/);
                const u = new URL(feed.url);
                const cal = parseIcs((await other.request('GET', u.pathname + u.search)).text);
                assert.match(cal.events[0].URL, /^https:\/\/copilot\.example\/#\/jobs\/\d+$/);
            } finally {
                await other.stop();
            }
        });
    });
});
