// `copilot backup FILE` and `copilot restore FILE` (SPEC part E, issue 12 part 5). On SQLite:
// backups taken while writers keep the server busy are each a consistent database (integrity,
// foreign keys, the full-text index, every résumé with its file), never overwrite a file;
// restore refuses while a server has the database open, and into a stopped server's database
// it brings back exactly what was backed up. On PostgreSQL both explain pg_dump / pg_restore
// and exit 1.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
    BIN, ENGINE, expectStatus, freshDatabase, jobBody, registerUser, sqlRows, startServer,
} from './helpers.mjs';

const run = promisify(execFile);

/* Runs copilot args on dbUrl without blocking the event loop; resolves { code, stdout, stderr }. */
async function copilot(dbUrl, args) {
    try {
        const { stdout, stderr } = await run(BIN, args, { env: { ...process.env, COPILOT_DATABASE_URL: dbUrl }, timeout: 60000 });
        return { code: 0, stdout, stderr };
    } catch (e) {
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

describe('backup and restore', { skip: ENGINE !== 'sqlite' && 'SQLite only (PostgreSQL below)' }, () => {
    let tmp;
    let dbUrl;
    let srv;
    let user;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-backup-'));
        dbUrl = freshDatabase(tmp);
        srv = await startServer({ dbUrl });
        user = await registerUser(srv);
    });
    after(async () => {
        await srv?.stop().catch(() => {});
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('backups taken under write load are consistent; restore waits for a stopped server', { timeout: 120000 }, async () => {
        let stop = false;
        let written = 0;
        async function writer(n) {
            for (let i = 0; !stop; i++) {
                expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: jobBody({ description: `writer ${n} job ${i}` }) }), 201);
                if (i % 5 === 0) {
                    const form = new FormData();
                    form.append('file', new Blob([`Résumé ${n}.${i}\n`.repeat(50 + i)]), 'cv.txt');
                    expectStatus(await srv.api('POST', '/resumes', { token: user.token, raw: form }), 201);
                }
                written++;
            }
        }
        const writers = [writer(1), writer(2), writer(3)];
        const backups = [];
        try {
            while (written < 20) await new Promise((r) => setTimeout(r, 20));
            for (let k = 0; k < 3; k++) {
                const file = path.join(tmp, `backup-${k}.db`);
                const res = await copilot(dbUrl, ['backup', file]);
                assert.equal(res.code, 0, res.stderr);
                assert.match(res.stdout, /^backed up the database to .* \(\d+ bytes, schema version \d+\)\n$/);
                backups.push(file);
            }
        } finally {
            stop = true;
            await Promise.all(writers);
        }
        let last = 0;
        for (const file of backups) {
            const url = `sqlite:${file}`;
            assert.deepEqual(sqlRows(url, 'PRAGMA integrity_check'), [['ok']], file);
            assert.deepEqual(sqlRows(url, 'PRAGMA foreign_key_check'), []);
            assert.deepEqual(sqlRows(url, "INSERT INTO jobs_fts(jobs_fts) VALUES('integrity-check'); SELECT 'ok'"), [['ok']]);
            assert.deepEqual(sqlRows(url, 'SELECT count(*) FROM resume_uploads r WHERE NOT EXISTS ' +
                '(SELECT 1 FROM resume_files f WHERE f.resume_id = r.id AND length(f.data) = r.file_size)'), [['0']],
                'every résumé with its file: uploads are one transaction, and so is the copy');
            assert.deepEqual(sqlRows(url, 'PRAGMA journal_mode'), [['delete']], 'a backup is one self-contained file');
            assert.equal(fs.existsSync(`${file}-wal`), false);
            const jobs = Number(sqlRows(url, 'SELECT count(*) FROM jobs')[0][0]);
            assert.ok(jobs >= last, 'later backups hold at least as much');
            last = jobs;
        }
        const first = backups[0];
        const kept = Number(sqlRows(`sqlite:${first}`, 'SELECT count(*) FROM jobs')[0][0]);
        assert.ok(kept < Number(sqlRows(dbUrl, 'SELECT count(*) FROM jobs')[0][0]), 'the writers went on after the first backup');

        // an existing file is never overwritten
        const again = await copilot(dbUrl, ['backup', first]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /already exists/);

        // not while a server has the database open
        const busy = await copilot(dbUrl, ['restore', first]);
        assert.equal(busy.code, 1);
        assert.match(busy.stderr, /in use by another process .*stop every server on it first/);

        // into the stopped server's database: exactly the backup
        await srv.stop();
        srv = null;
        const restored = await copilot(dbUrl, ['restore', first]);
        assert.equal(restored.code, 0, restored.stderr);
        assert.match(restored.stdout, /^restored .*; 0 migration\(s\) applied, schema version \d+\n$/);
        srv = await startServer({ dbUrl });
        const list = expectStatus(await srv.api('GET', '/jobs?limit=1', { token: user.token }), 200);
        assert.equal(list.total, kept);
        const resumes = expectStatus(await srv.api('GET', '/resumes?limit=1', { token: user.token }), 200);
        assert.ok(resumes.total > 0);
        const file = await srv.api('GET', `/resumes/${resumes.items[0].id}/file`, { token: user.token });
        expectStatus(file, 200);
        assert.match(file.text, /^Résumé /);

        // what is not a copilot database is refused, and the database stays as it was
        await srv.stop();
        srv = null;
        const junk = path.join(tmp, 'junk.db');
        fs.writeFileSync(junk, 'not a database');
        const bad = await copilot(dbUrl, ['restore', junk]);
        assert.equal(bad.code, 1);
        const missing = await copilot(dbUrl, ['restore', path.join(tmp, 'nothing.db')]);
        assert.equal(missing.code, 1);
        assert.equal(Number(sqlRows(dbUrl, 'SELECT count(*) FROM jobs')[0][0]), kept);
        srv = await startServer({ dbUrl });
    });
});

describe('backup and restore on PostgreSQL', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, () => {
    test('both explain PostgreSQL\'s own tools and exit 1', async () => {
        const dbUrl = freshDatabase(os.tmpdir());
        const backup = await copilot(dbUrl, ['backup', path.join(os.tmpdir(), 'never-written.db')]);
        assert.equal(backup.code, 1);
        assert.match(backup.stderr, /pg_dump -Fc/);
        assert.match(backup.stderr, /pg_basebackup/);
        assert.equal(fs.existsSync(path.join(os.tmpdir(), 'never-written.db')), false);
        const restore = await copilot(dbUrl, ['restore', 'x.dump']);
        assert.equal(restore.code, 1);
        assert.match(restore.stderr, /pg_restore/);
        assert.equal((await copilot(dbUrl, ['backup'])).code, 2);
    });
});
