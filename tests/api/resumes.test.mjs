// Résumés (SPEC part B "Resumes", part A "resume_uploads"): multipart upload of PDF, DOCX, text
// and Markdown recognised by content, synchronous parsing (contact, skills, experience,
// education), the stored file and its download, one primary résumé per user, delete (file
// included, primary handed on), applying the extracted skills to the profile, isolation between
// users and the error codes (413, 415, 422, 404, 401). docs/resumes.md describes the choices.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import os from 'node:os';
import {
    ROOT, SLOW, assertTimestamp, expectError, expectStatus, freshDatabase, registerUser, sqlRows,
    startServer,
} from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name));
const MAX_UPLOAD = 256 * 1024;

describe('resumes', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer({ env: { COPILOT_MAX_UPLOAD: String(MAX_UPLOAD) } });
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    /* POSTs bytes as the multipart part `field` (default file) named filename. */
    const upload = (who, bytes, filename, { field = 'file', type = 'application/octet-stream' } = {}) => {
        const form = new FormData();
        form.append(field, new Blob([bytes], { type }), filename);
        return srv.api('POST', '/resumes', { token: who.token, raw: form, timeout: 60000 });
    };
    const uploadOk = async (who, bytes, filename) => expectStatus(await upload(who, bytes, filename), 201);
    const list = async (who, query = '') =>
        expectStatus(await srv.api('GET', `/resumes${query}`, { token: who.token }), 200);
    const get = (who, id) => srv.api('GET', `/resumes/${id}`, { token: who.token });
    /* The storage keys of the user's résumé files held in the database (SPEC part E: files live
     * in the database, in resume_files). */
    const uploadsOf = (who) => sqlRows(srv.dbUrl,
        'SELECT r.file_path FROM resume_uploads r JOIN resume_files f ON f.resume_id = r.id ' +
        `WHERE r.user_id = ${Number(who.user.id)} ORDER BY r.file_path`).map(([key]) => key);
    /* The bytes stored for résumé id, or null. */
    const storedBytes = (id) => {
        const hex = srv.dbUrl.startsWith('sqlite:') ? 'hex(data)' : "encode(data, 'hex')";
        const rows = sqlRows(srv.dbUrl, `SELECT ${hex} FROM resume_files WHERE resume_id = ${Number(id)}`);
        return rows.length ? Buffer.from(rows[0][0], 'hex') : null;
    };
    /* Every file under the data directory, relative to it (nothing but the SQLite database). */
    const allFiles = (dir = srv.dataDir, prefix = '') => fs.readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
            : [`${prefix}${e.name}`]));

    /* The row shape every résumé response has. */
    function assertResume(r, { fileType, filename, size, status = 'completed' }) {
        assert.equal(typeof r.id, 'number');
        assert.equal(r.file_type, fileType);
        if (filename !== undefined) assert.equal(r.filename, filename);
        if (size !== undefined) assert.equal(r.file_size, size);
        assert.equal(r.parsing_status, status);
        assert.equal(typeof r.is_primary, 'boolean');
        assert.equal('file_path' in r, false, 'the server path is not exposed');
        assertTimestamp(r.created_at, 'created_at');
        assertTimestamp(r.updated_at, 'updated_at');
        assert.ok(Array.isArray(r.extracted_skills), 'extracted_skills is an array');
        if (status === 'completed') {
            assert.equal(r.parsing_error, null);
            for (const key of ['text', 'contact', 'skills', 'experience', 'education'])
                assert.ok(key in r.parsed_data, `parsed_data.${key}`);
            assert.equal(typeof r.parsed_data.text, 'string');
            assert.deepEqual(r.parsed_data.skills, r.extracted_skills);
            assert.deepEqual(r.parsed_data.contact, r.extracted_contact_info);
            assert.equal(r.parsed_data.experience.level, r.extracted_experience);
        } else {
            assert.equal(typeof r.parsing_error, 'string');
            assert.ok(r.parsing_error.length > 0);
        }
    }

    /* The contact details and skills all four fixtures share. */
    function assertJane(r) {
        const c = r.extracted_contact_info;
        assert.equal(c.name, 'Jane Q. Doe');
        assert.equal(c.email, 'jane.doe@example.com');
        assert.equal(c.phone, '+1 (555) 123-4567');
        assert.ok(c.links.includes('https://github.com/janedoe'), JSON.stringify(c.links));
        assert.ok(c.links.some((l) => l.includes('linkedin.com/in/janedoe')), JSON.stringify(c.links));
        for (const skill of ['Python', 'PostgreSQL', 'Docker', 'Kubernetes', 'AWS'])
            assert.ok(r.extracted_skills.includes(skill), `${skill} in ${JSON.stringify(r.extracted_skills)}`);
        assert.equal(r.extracted_experience, 'senior');
        // "8+ years of experience" in a summary beats the ranges (9 years and more)
        const years = r.parsed_data.experience.years;
        if (/8\+ years of experience/.test(r.parsed_data.text)) assert.equal(years, 8);
        else assert.ok(years >= 9, `years: ${years}`);
        const entries = r.parsed_data.experience.entries;
        for (const e of entries) assert.deepEqual(Object.keys(e).sort(), ['company', 'current', 'end', 'highlights', 'location', 'start', 'title']);
        assert.ok(entries.some((e) => e.highlights.some((h) => /Python/.test(h))), JSON.stringify(entries));
        const acme = entries.find((e) => e.company === 'Acme Corp');
        assert.ok(acme, JSON.stringify(entries));
        assert.equal(acme.title, 'Senior Software Engineer');
        const current = r.parsed_data.experience.entries.find((e) => e.current);
        assert.equal(current.start, '2020-01');
        assert.equal(r.parsed_data.education.highest_degree, 'master');
        assert.ok(r.parsed_data.education.entries.some((e) => e.degree === 'master' && e.end === '2016'));
    }

    describe('upload and parse', () => {
        test('PDF: 201 with Location, parsed synchronously, first résumé is primary', async () => {
            const who = await registerUser(srv);
            const bytes = fixture('resume.pdf');
            const res = await upload(who, bytes, 'Jane Doe CV.pdf', { type: 'application/pdf' });
            const r = expectStatus(res, 201);
            assert.equal(res.headers.get('location'), `/api/v1/resumes/${r.id}`);
            assertResume(r, { fileType: 'pdf', filename: 'Jane Doe CV.pdf', size: bytes.length });
            assertJane(r);
            assert.equal(r.user_id, who.user.id);
            assert.equal(r.is_primary, true);
            assert.match(r.parsed_data.text, /Senior Software Engineer, Acme Corp/);
            assert.deepEqual(expectStatus(await get(who, r.id), 200), r);
            const stored = uploadsOf(who);
            assert.equal(stored.length, 1);
            assert.match(stored[0], /^db:[0-9a-f]{32}\.pdf$/);
            assert.ok(storedBytes(r.id).equals(bytes), 'the bytes are in the database');
            assert.deepEqual(allFiles().filter((f) => !f.startsWith('copilot.db')), [],
                'nothing but the SQLite database is written under COPILOT_DATA_DIR');
        });

        test('DOCX: runs joined, tabs and breaks kept, deleted text left out', async () => {
            const r = await uploadOk(alice, fixture('resume.docx'), 'resume.docx');
            assertResume(r, { fileType: 'docx', filename: 'resume.docx' });
            assertJane(r);
            assert.match(r.parsed_data.text, /on Kubernetes and AWS/);
            assert.match(r.parsed_data.text, /jane\.doe@example\.com\t\+1/);
            assert.doesNotMatch(r.parsed_data.text, /deleted words/);
        });

        test('plain text, and a second résumé is not primary', async () => {
            const r = await uploadOk(alice, fixture('resume.txt'), 'resume.txt');
            assertResume(r, { fileType: 'txt', size: fixture('resume.txt').length });
            assertJane(r);
            assert.equal(r.is_primary, false);
            assert.ok(r.parsed_data.sections.includes('summary'));
            assert.equal(r.parsed_data.education.entries.length, 2);
        });

        test('Markdown by content and by name', async () => {
            const md = await uploadOk(alice, fixture('resume.md'), 'cv.txt');
            assertResume(md, { fileType: 'md' });
            assert.equal(md.extracted_contact_info.name, 'John Smith');
            assert.equal(md.extracted_contact_info.email, 'john.smith@example.org');
            assert.equal(md.extracted_experience, 'lead');
            assert.equal(md.parsed_data.education.highest_degree, 'doctorate');
            assert.ok(md.extracted_skills.includes('Python'));
            const byName = await uploadOk(alice, Buffer.from('Plain words only\n'), 'notes.MD');
            assert.equal(byName.file_type, 'md');
        });

        test('type is decided by content, not by the name', async () => {
            const pdf = await uploadOk(alice, fixture('resume.pdf'), 'resume.txt');
            assert.equal(pdf.file_type, 'pdf');
            const text = await uploadOk(alice, Buffer.from('Just text\nsecond line\n'), 'resume.pdf');
            assert.equal(text.file_type, 'txt');
            const docx = await uploadOk(alice, fixture('resume.docx'), 'no-extension');
            assert.equal(docx.file_type, 'docx');
        });

        test('UTF-8 text with a byte order mark and CRLF line ends', async () => {
            const body = '\ufeffMaría-José Núñez\r\nmaria@example.es\r\n\r\nSkills\r\nRust, TypeScript\r\n';
            const r = await uploadOk(alice, Buffer.from(body, 'utf8'), 'cv.txt');
            assert.equal(r.file_type, 'txt');
            assert.equal(r.extracted_contact_info.name, 'María-José Núñez');
            assert.equal(r.extracted_contact_info.email, 'maria@example.es');
            assert.ok(!r.parsed_data.text.includes('\r'));
            assert.ok(r.extracted_skills.includes('Rust') && r.extracted_skills.includes('TypeScript'));
        });

        test('a file that cannot be parsed is stored with parsing_status failed', async () => {
            const cases = [
                [Buffer.from('%PDF-1.4\nthis is no pdf at all\n'), 'broken.pdf', 'pdf'],
                [fixture('broken.docx'), 'broken.docx', 'docx'],
                [fixture('bomb.docx'), 'bomb.docx', 'docx'], // inflates past the 20 MiB cap
                [Buffer.from('   \n\n\t\n'), 'blank.txt', 'txt'],
            ];
            for (const [bytes, name, type] of cases) {
                const r = await uploadOk(alice, bytes, name);
                assertResume(r, { fileType: type, status: 'failed', size: bytes.length });
                assert.equal(r.parsed_data, null, name);
                assert.deepEqual(r.extracted_skills, [], name);
                assert.equal(r.extracted_experience, null, name);
            }
        });

        test('the client filename is for display only: paths and control characters go', async () => {
            const who = await registerUser(srv);
            const r = await uploadOk(who, Buffer.from('Text résumé\n'), '../../../etc/evil\u0007 name.txt');
            assert.equal(r.filename, 'evil name.txt');
            const windows = await uploadOk(who, Buffer.from('Text résumé\n'), 'C:\\Users\\x\\cv.md');
            assert.equal(windows.filename, 'cv.md');
            const dots = await uploadOk(who, Buffer.from('Text résumé\n'), '..');
            assert.equal(dots.filename, 'resume.txt');
            const keys = uploadsOf(who);
            assert.equal(keys.length, 3);
            for (const key of keys) assert.match(key, /^db:[0-9a-f]{32}\.(txt|md)$/, 'chosen by the server');
        });

        test('several uploads at once leave exactly one primary', async () => {
            const who = await registerUser(srv);
            const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
                upload(who, Buffer.from(`Résumé number ${i}\n`), `r${i}.txt`)));
            for (const res of results) expectStatus(res, 201);
            const items = (await list(who)).items;
            assert.equal(items.length, 6);
            assert.equal(items.filter((r) => r.is_primary).length, 1);
        });
    });

    describe('upload errors', () => {
        test('415 for content that is no supported type, nothing stored', async () => {
            const who = await registerUser(srv);
            const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
            const bad = [
                [png, 'photo.pdf'],
                [Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe]), 'resume.txt'],
                [Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9]), 'latin1.txt'], // not UTF-8
                [fixture('plain.zip'), 'resume.docx'], // a ZIP without word/document.xml
                [Buffer.from('PK\x03\x04 truncated'), 'resume.docx'],
            ];
            for (const [bytes, name] of bad)
                expectError(await upload(who, bytes, name), 415, 'unsupported_media_type');
            assert.deepEqual((await list(who)).items, []);
            assert.deepEqual(uploadsOf(who), []);
        });

        test('415 for a body that is not multipart', async () => {
            expectError(await srv.api('POST', '/resumes', { token: alice.token, body: { file: 'x' } }),
                415, 'unsupported_media_type');
            expectError(await srv.api('POST', '/resumes', {
                token: alice.token, raw: 'plain text', headers: { 'content-type': 'text/plain' },
            }), 415, 'unsupported_media_type');
        });

        test('422 naming file when the part is missing or empty', async () => {
            expectError(await upload(alice, Buffer.from('text\n'), 'a.txt', { field: 'resume' }),
                422, 'validation_failed', 'file');
            expectError(await upload(alice, Buffer.alloc(0), 'empty.txt'), 422, 'validation_failed', 'file');
        });

        test('400 for a multipart body cut before its closing boundary, nothing stored', async () => {
            // the post processor handed over what it had of the part and said yes: before the
            // thirty-third round this stored a 1-byte file ("h") and answered 201
            const who = await registerUser(srv);
            const head = '--cut-here-0123\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n' +
                'Content-Type: text/plain\r\n\r\n';
            for (const body of [head + 'hello resume text', head + 'hello resume text\r\n--cut-here-0123',
                head + 'hello resume text\r\n--cut-here-0123-']) {
                expectError(await srv.api('POST', '/resumes', {
                    token: who.token, raw: body, headers: { 'content-type': 'multipart/form-data; boundary=cut-here-0123' },
                }), 400, 'bad_request');
            }
            assert.deepEqual((await list(who)).items, []);
            assert.deepEqual(uploadsOf(who), []);
            // the same body with its close delimiter (quoted boundary, no final CRLF) is accepted
            const r = await srv.api('POST', '/resumes', {
                token: who.token, raw: head + 'hello resume text\r\n--cut-here-0123--',
                headers: { 'content-type': 'multipart/form-data; boundary="cut-here-0123"' },
            });
            expectStatus(r, 201);
            assert.equal(r.body.file_size, 'hello resume text'.length);
        });

        test('413 beyond COPILOT_MAX_UPLOAD', async () => {
            const big = Buffer.alloc(MAX_UPLOAD + 1024, 'a');
            expectError(await upload(alice, big, 'big.txt'), 413, 'payload_too_large');
            // just under the limit is accepted (the multipart envelope counts towards it)
            const fits = Buffer.alloc(MAX_UPLOAD - 4096, 'b');
            const r = await uploadOk(alice, fits, 'fits.txt');
            assert.equal(r.file_size, fits.length);
            assert.equal(r.parsed_data.text_truncated, true);
        });

        test('401 without a token', async () => {
            const form = new FormData();
            form.append('file', new Blob([fixture('resume.txt')]), 'resume.txt');
            expectError(await srv.api('POST', '/resumes', { raw: form }), 401, 'unauthorized');
            expectError(await srv.api('GET', '/resumes'), 401, 'unauthorized');
            expectError(await srv.api('GET', '/resumes/1/file'), 401, 'unauthorized');
        });
    });

    describe('reading', () => {
        test('GET /resumes: list envelope, newest first, filters, sort, paging', async () => {
            const who = await registerUser(srv);
            const a = await uploadOk(who, fixture('resume.txt'), 'b.txt');
            const b = await uploadOk(who, fixture('resume.pdf'), 'a.pdf');
            const body = await list(who);
            assert.equal(body.total, 2);
            assert.equal(body.limit, 20);
            assert.equal(body.offset, 0);
            assert.deepEqual(body.items.map((r) => r.id), [b.id, a.id]);
            assert.deepEqual((await list(who, '?file_type=pdf')).items.map((r) => r.id), [b.id]);
            assert.deepEqual((await list(who, '?is_primary=true')).items.map((r) => r.id), [a.id]);
            assert.deepEqual((await list(who, '?sort=filename')).items.map((r) => r.id), [b.id, a.id]);
            const page = await list(who, '?limit=1&offset=1');
            assert.equal(page.total, 2);
            assert.deepEqual(page.items.map((r) => r.id), [a.id]);
            expectError(await srv.api('GET', '/resumes?file_type=exe', { token: who.token }), 422, 'validation_failed');
            expectError(await srv.api('GET', '/resumes?sort=file_path', { token: who.token }), 422, 'validation_failed');
        });

        test('GET /resumes/{id}/file returns the bytes with type and a safe attachment name', async () => {
            const who = await registerUser(srv);
            const cases = [
                ['resume.pdf', 'CV "2025"; final.pdf', 'application/pdf'],
                ['resume.docx', 'Lebenslauf Müller.docx',
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
                ['resume.txt', 'cv.txt', 'text/plain; charset=utf-8'],
                ['resume.md', 'cv.md', 'text/markdown; charset=utf-8'],
            ];
            for (const [name, clientName, type] of cases) {
                const bytes = fixture(name);
                const r = await uploadOk(who, bytes, clientName);
                const res = await srv.request('GET', `/api/v1/resumes/${r.id}/file`, { token: who.token });
                assert.equal(res.status, 200);
                assert.equal(res.headers.get('content-type'), type);
                const disposition = res.headers.get('content-disposition');
                assert.match(disposition, /^attachment; filename="[A-Za-z0-9 ._()-]+"/);
                assert.doesNotMatch(disposition.split(';')[1], /"[^"]*"[^"]*"/);
                const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
                assert.ok(star, disposition);
                // (FormData itself sends a quote in a filename as %22)
                assert.equal(decodeURIComponent(star[1]), r.filename);
                assert.equal(r.filename, clientName.replace(/"/g, '%22'));
                const raw = await fetch(srv.url(`/api/v1/resumes/${r.id}/file`), {
                    headers: { authorization: `Bearer ${who.token}` },
                });
                assert.ok(Buffer.from(await raw.arrayBuffer()).equals(bytes), `${name} bytes`);
            }
        });

        test('another user\'s résumé is 404 everywhere; unknown ids too', async () => {
            const mine = await uploadOk(alice, fixture('resume.txt'), 'mine.txt');
            const routes = [
                ['GET', `/resumes/${mine.id}`], ['GET', `/resumes/${mine.id}/file`],
                ['POST', `/resumes/${mine.id}/primary`], ['POST', `/resumes/${mine.id}/apply-skills`],
                ['DELETE', `/resumes/${mine.id}`],
            ];
            for (const [method, p] of routes)
                expectError(await srv.api(method, p, { token: bob.token }), 404, 'not_found');
            for (const p of ['/resumes/999999', '/resumes/abc', '/resumes/0', '/resumes/999999/file'])
                expectError(await srv.api('GET', p, { token: alice.token }), 404, 'not_found');
            assert.ok((await list(bob)).items.every((r) => r.user_id === bob.user.id));
            expectStatus(await get(alice, mine.id), 200);
        });
    });

    describe('primary and delete', () => {
        test('POST /resumes/{id}/primary moves the flag; only one primary', async () => {
            const who = await registerUser(srv);
            const a = await uploadOk(who, fixture('resume.txt'), 'a.txt');
            const b = await uploadOk(who, fixture('resume.md'), 'b.md');
            assert.equal(a.is_primary, true);
            assert.equal(b.is_primary, false);
            const moved = expectStatus(await srv.api('POST', `/resumes/${b.id}/primary`, { token: who.token }), 200);
            assert.equal(moved.id, b.id);
            assert.equal(moved.is_primary, true);
            assert.equal(expectStatus(await get(who, a.id), 200).is_primary, false);
            // the answer's version is the stored one (SQLite answered the version before the move,
            // an ETag already stale: thirty-sixth round, engines_agree.test.mjs)
            const read = await srv.api('GET', `/resumes/${b.id}`, { token: who.token });
            assert.equal(expectStatus(read, 200).row_version, moved.row_version);
            assert.equal(moved.row_version, b.row_version + 1);
            // idempotent
            expectStatus(await srv.api('POST', `/resumes/${b.id}/primary`, { token: who.token }), 200);
            const items = (await list(who)).items;
            assert.deepEqual(items.filter((r) => r.is_primary).map((r) => r.id), [b.id]);
                        // concurrent moves all succeed (they once deadlocked on PostgreSQL: 503) and still
            // leave exactly one
            for (let round = 0; round < 15; round++) {
                const moves = await Promise.all([a.id, b.id, a.id, b.id].map((id) =>
                    srv.api('POST', `/resumes/${id}/primary`, { token: who.token })));
                for (const res of moves) expectStatus(res, 200);
            }
            assert.equal((await list(who)).items.filter((r) => r.is_primary).length, 1);
        });

        test('DELETE removes the row and the file; the newest remaining becomes primary', async () => {
            const who = await registerUser(srv);
            const a = await uploadOk(who, fixture('resume.txt'), 'a.txt');
            const b = await uploadOk(who, fixture('resume.pdf'), 'b.pdf');
            const c = await uploadOk(who, fixture('resume.md'), 'c.md');
            assert.equal(uploadsOf(who).length, 3);
            const res = await srv.api('DELETE', `/resumes/${a.id}`, { token: who.token });
            assert.equal(res.status, 204);
            assert.equal(res.text, '');
            expectError(await get(who, a.id), 404, 'not_found');
            expectError(await srv.api('DELETE', `/resumes/${a.id}`, { token: who.token }), 404, 'not_found');
            assert.equal(uploadsOf(who).length, 2);
            assert.ok(!uploadsOf(who).some((f) => f.endsWith('.txt')));
            const items = (await list(who)).items;
            assert.deepEqual(items.map((r) => [r.id, r.is_primary]), [[c.id, true], [b.id, false]]);
            // deleting a résumé that is not primary changes nothing else
            expectStatus(await srv.api('DELETE', `/resumes/${b.id}`, { token: who.token }), 204);
            assert.equal(expectStatus(await get(who, c.id), 200).is_primary, true);
            expectStatus(await srv.api('DELETE', `/resumes/${c.id}`, { token: who.token }), 204);
            assert.deepEqual(uploadsOf(who), []);
            // the next upload is primary again
            assert.equal((await uploadOk(who, fixture('resume.txt'), 'again.txt')).is_primary, true);
        });

        test('a file that could not be read is not made primary; the next readable upload is', async () => {
            const who = await registerUser(srv);
            const broken = await uploadOk(who, fixture('broken.docx'), 'broken.docx');
            assert.equal(broken.parsing_status, 'failed');
            assert.equal(broken.is_primary, false, 'a newcomer\'s unreadable first upload');
            const blank = await uploadOk(who, Buffer.from('   \n\n'), 'blank.txt');
            assert.equal(blank.is_primary, false);
            assert.equal((await list(who, '?is_primary=true')).total, 0);
            const read = await uploadOk(who, fixture('resume.txt'), 'cv.txt');
            assert.equal(read.parsing_status, 'completed');
            assert.equal(read.is_primary, true, 'the first readable upload');
            assert.equal((await uploadOk(who, fixture('resume.md'), 'cv.md')).is_primary, false);
            // the user may still choose an unreadable one: the flag moves, nothing refuses it
            const chosen = expectStatus(await srv.api('POST', `/resumes/${broken.id}/primary`, { token: who.token }), 200);
            assert.equal(chosen.is_primary, true);
            assert.deepEqual((await list(who, '?is_primary=true')).items.map((r) => r.id), [broken.id]);
            // and a later readable upload leaves that choice alone
            assert.equal((await uploadOk(who, fixture('resume.pdf'), 'cv.pdf')).is_primary, false);
            assert.deepEqual((await list(who, '?is_primary=true')).items.map((r) => r.id), [broken.id]);
        });

        test('deleting the primary hands the flag to the newest readable résumé, else to none', async () => {
            const who = await registerUser(srv);
            const a = await uploadOk(who, fixture('resume.txt'), 'a.txt');
            const b = await uploadOk(who, fixture('resume.md'), 'b.md');
            const c = await uploadOk(who, fixture('broken.docx'), 'c.docx'); // the newest, unreadable
            assert.deepEqual([a.is_primary, b.is_primary, c.is_primary], [true, false, false]);
            expectStatus(await srv.api('DELETE', `/resumes/${a.id}`, { token: who.token }), 204);
            assert.deepEqual((await list(who, '?is_primary=true')).items.map((r) => r.id), [b.id],
                'the newest readable one, not the newer unreadable one');
            // only unreadable ones left: none is primary
            expectStatus(await srv.api('DELETE', `/resumes/${b.id}`, { token: who.token }), 204);
            assert.deepEqual((await list(who)).items.map((r) => [r.id, r.is_primary]), [[c.id, false]]);
            // the next readable upload is primary
            const d = await uploadOk(who, fixture('resume.pdf'), 'd.pdf');
            assert.equal(d.is_primary, true);
            // an unreadable primary the user chose, deleted: the newest readable one takes over
            expectStatus(await srv.api('POST', `/resumes/${c.id}/primary`, { token: who.token }), 200);
            expectStatus(await srv.api('DELETE', `/resumes/${c.id}`, { token: who.token }), 204);
            assert.deepEqual((await list(who, '?is_primary=true')).items.map((r) => r.id), [d.id]);
        });

        test('unreadable and readable first uploads at once: exactly one primary, a readable one', async () => {
            const who = await registerUser(srv);
            const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2
                ? upload(who, Buffer.from(`Résumé number ${i}\nPython, SQL\n`), `r${i}.txt`)
                : upload(who, fixture('broken.docx'), `b${i}.docx`))));
            for (const res of results) expectStatus(res, 201);
            const items = (await list(who)).items;
            assert.equal(items.length, 6);
            const primaries = items.filter((r) => r.is_primary);
            assert.equal(primaries.length, 1);
            assert.equal(primaries[0].parsing_status, 'completed');
        });

        test('migration 0089: an unreadable résumé primary since its upload is primary no more; one the user chose stays', async () => {
            /* the old server's state, which the API no longer makes: the failed first upload
             * primary since its upload (updated_at = created_at), set in SQL */
            const primaryByUpload = (who, id) => sqlRows(srv.dbUrl,
                `UPDATE resume_uploads SET is_primary = false WHERE user_id = ${Number(who.user.id)}; ` +
                `UPDATE resume_uploads SET is_primary = true, updated_at = created_at WHERE id = ${Number(id)}`);
            const primaries = async (who) => (await list(who, '?is_primary=true')).items.map((r) => r.id);
            const old = await registerUser(srv); // then two readable ones: the newest takes over
            const broken = await uploadOk(old, fixture('broken.docx'), 'broken.docx');
            await uploadOk(old, fixture('resume.txt'), 'a.txt');
            const newest = await uploadOk(old, fixture('resume.md'), 'b.md');
            primaryByUpload(old, broken.id);
            const alone = await registerUser(srv); // nothing readable: none is primary
            const only = await uploadOk(alone, fixture('broken.docx'), 'only.docx');
            primaryByUpload(alone, only.id);
            const chose = await registerUser(srv); // chosen later by the user: kept
            const read = await uploadOk(chose, fixture('resume.txt'), 'c.txt');
            const picked = await uploadOk(chose, fixture('broken.docx'), 'picked.docx');
            expectStatus(await srv.api('POST', `/resumes/${picked.id}/primary`, { token: chose.token }), 200);
            sqlRows(srv.dbUrl, "UPDATE resume_uploads SET created_at = '2026-01-05T10:00:00Z', " +
                `updated_at = '2026-01-05T10:02:00Z' WHERE id = ${Number(picked.id)}`);
            assert.deepEqual([await primaries(old), await primaries(alone), await primaries(chose)],
                [[broken.id], [only.id], [picked.id]]);
            const later = Number(sqlRows(srv.dbUrl, 'SELECT count(*) FROM schema_migrations WHERE version >= 89')[0][0]);
            srv.cli(['migrate', 'down', String(later)]);
            srv.cli(['migrate', 'up']);
            assert.deepEqual([await primaries(old), await primaries(alone), await primaries(chose)],
                [[newest.id], [], [picked.id]]);
            assert.equal(expectStatus(await get(chose, read.id), 200).is_primary, false);
        });

        test('deleting the account removes the uploaded files', async () => {
            const who = await registerUser(srv);
            const r = await uploadOk(who, fixture('resume.pdf'), 'x.pdf');
            assert.ok(storedBytes(r.id));
            expectStatus(await srv.api('DELETE', '/users/me', { token: who.token }), 204);
            assert.equal(storedBytes(r.id), null);
        });
    });

    describe('apply-skills', () => {
        test('merges extracted skills into the profile without case-insensitive duplicates', async () => {
            const who = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', {
                token: who.token, body: { skills: ['python', 'Cooking', 'k8s'] },
            }), 200);
            const r = await uploadOk(who, fixture('resume.txt'), 'resume.txt');
            const res = expectStatus(await srv.api('POST', `/resumes/${r.id}/apply-skills`, { token: who.token }), 200);
            assert.ok(Array.isArray(res.skills) && Array.isArray(res.added));
            assert.deepEqual(res.skills.slice(0, 3), ['python', 'Cooking', 'k8s'], 'existing entries kept as they were');
            assert.ok(!res.added.includes('Python'), 'python is already there');
            assert.ok(!res.added.includes('Kubernetes'), 'k8s is an alias of Kubernetes');
            for (const skill of ['PostgreSQL', 'Docker', 'AWS']) assert.ok(res.added.includes(skill), skill);
            assert.deepEqual(res.skills, ['python', 'Cooking', 'k8s', ...res.added]);
            const lower = res.skills.map((s) => s.toLowerCase());
            assert.equal(new Set(lower).size, lower.length);
            // the résumé's level is a suggestion; the profile's level is not touched (issue 13)
            assert.equal(res.suggested_experience_level, 'senior');
            assert.equal(res.experience_level, null);
            const me = expectStatus(await srv.api('GET', '/users/me', { token: who.token }), 200);
            assert.deepEqual(me.skills, res.skills);
            // a second time adds nothing
            const again = expectStatus(await srv.api('POST', `/resumes/${r.id}/apply-skills`, { token: who.token }), 200);
            assert.deepEqual(again.added, []);
            assert.deepEqual(again.skills, res.skills);
        });

        test('the profile\'s experience_level never changes; the résumé\'s level is only suggested', async () => {
            const who = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', { token: who.token, body: { experience_level: 'junior' } }), 200);
            const text = 'Maria Keller\nBackend Engineer\n\nSUMMARY\nMid-level backend engineer with 5 years of experience.\n\n'
                + 'EXPERIENCE\n\nBackend Engineer \u2014 Zalando SE, Berlin\nMar 2021 \u2013 Present\n- Go on AWS Lambda and RDS.\n\n'
                + 'Working Student, Software Development \u2014 Idealo Internet GmbH, Berlin\nApr 2018 \u2013 Feb 2021\n';
            const r = await uploadOk(who, Buffer.from(text), 'maria.txt');
            assert.equal(r.extracted_experience, 'mid');
            assert.equal(r.parsed_data.experience.years, 5);
            assert.deepEqual(r.parsed_data.experience.entries.map((e) => [e.title, e.company, e.location]), [
                ['Backend Engineer', 'Zalando SE', 'Berlin'],
                ['Working Student, Software Development', 'Idealo Internet GmbH', 'Berlin'],
            ]);
            for (const skill of ['AWS Lambda', 'Amazon RDS', 'Go']) assert.ok(r.extracted_skills.includes(skill), skill);
            const res = expectStatus(await srv.api('POST', `/resumes/${r.id}/apply-skills`, { token: who.token }), 200);
            assert.equal(res.experience_level, 'junior');
            assert.equal(res.suggested_experience_level, 'mid');
            const me = expectStatus(await srv.api('GET', '/users/me', { token: who.token }), 200);
            assert.equal(me.experience_level, 'junior');
            assert.equal('suggested_experience_level' in me, false);
        });

        test('a failed parse has nothing to apply', async () => {
            const who = await registerUser(srv);
            const r = await uploadOk(who, fixture('broken.docx'), 'broken.docx');
            const res = expectStatus(await srv.api('POST', `/resumes/${r.id}/apply-skills`, { token: who.token }), 200);
            assert.deepEqual(res.added, []);
            assert.deepEqual(res.skills, []);
            assert.equal(res.suggested_experience_level, null);
        });
    });

    test('a slow or hostile PDF does not hold the server: parsing answers within the timeout', { timeout: 60000 * SLOW }, async () => {
        // many pages of text objects: still parsed quickly; the point is the request returns
        const ops = Array.from({ length: 2000 }, (_, i) => `BT /F1 9 Tf 20 ${(i % 80) * 9 + 20} Td (Line ${i} Python) Tj ET`).join('\n');
        const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n5 0 obj<</Length ${ops.length}>>stream\n${ops}\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
        const started = Date.now();
        const r = await uploadOk(alice, Buffer.from(pdf, 'latin1'), 'many.pdf');
        assert.ok(Date.now() - started < 15000 * SLOW);
        assert.equal(r.file_type, 'pdf');
        assert.ok(['completed', 'failed'].includes(r.parsing_status));
    });

    test('files an older version kept under COPILOT_DATA_DIR move into the database at start', async () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-legacy-'));
        const dataDir = path.join(tmp, 'data');
        const dbUrl = freshDatabase(tmp);
        try {
            let old = await startServer({ dbUrl, env: { COPILOT_DATA_DIR: dataDir } });
            const who = await registerUser(old);
            const bytes = fixture('resume.txt');
            const moved = await (async () => {
                const form = new FormData();
                form.append('file', new Blob([bytes]), 'old.txt');
                return expectStatus(await old.api('POST', '/resumes', { token: who.token, raw: form }), 201);
            })();
            const lost = await (async () => {
                const form = new FormData();
                form.append('file', new Blob([Buffer.from('Lost résumé\n')]), 'lost.txt');
                return expectStatus(await old.api('POST', '/resumes', { token: who.token, raw: form }), 201);
            })();
            await old.stop();
            // as an older version left them: bytes under uploads/<user>/<hex>.<type>, none in the table
            const key = `uploads/${who.user.id}/${'ab'.repeat(16)}.txt`;
            const lostKey = `uploads/${who.user.id}/${'cd'.repeat(16)}.txt`;
            fs.mkdirSync(path.join(dataDir, 'uploads', String(who.user.id)), { recursive: true });
            fs.writeFileSync(path.join(dataDir, key), bytes);
            sqlRows(dbUrl, `DELETE FROM resume_files WHERE resume_id IN (${moved.id}, ${lost.id})`);
            sqlRows(dbUrl, `UPDATE resume_uploads SET file_path = '${key}' WHERE id = ${moved.id}`);
            sqlRows(dbUrl, `UPDATE resume_uploads SET file_path = '${lostKey}' WHERE id = ${lost.id}`);

            const srv2 = await startServer({ dbUrl, env: { COPILOT_DATA_DIR: dataDir } });
            try {
                const file = await srv2.api('GET', `/resumes/${moved.id}/file`, { token: who.token });
                expectStatus(file, 200);
                assert.equal(file.text, bytes.toString());
                assert.equal(fs.existsSync(path.join(dataDir, key)), false, 'the old file is removed once moved');
                assert.match(srv2.stderr(), /moved 1 résumé file/);
                // a file that was already gone stays a clean 404, and is logged
                expectError(await srv2.api('GET', `/resumes/${lost.id}/file`, { token: who.token }), 404, 'not_found');
                assert.match(srv2.stderr(), new RegExp(lostKey.replace(/\//g, '\\/')));
            } finally {
                await srv2.stop();
            }
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });
});
