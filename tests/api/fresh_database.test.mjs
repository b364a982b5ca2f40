// How a test gets its database (helpers.mjs' freshDatabase): by default a copy of a template the
// binary under test migrated once, already at the latest schema; with { empty: true } a database
// with no schema, which `copilot serve` migrates at start. The copy must be exactly what a
// server makes of an empty database, and a binary with other migrations (any other binary: the
// template is keyed by the binary's hash) must never get another binary's template.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, ENGINE, SLOW, SQLITE_TEMPLATES, expectStatus, freshDatabase, registerUser, runCli, sqlRows, startServer, templateKey } from './helpers.mjs';

const HELPERS = new URL('./helpers.mjs', import.meta.url).href;

/* The schema of the database at dbUrl as its engine's own tool writes it, without what differs
 * between two databases of the same schema (pg_dump's per-run \restrict key). */
function schemaOf(dbUrl) {
    if (dbUrl.startsWith('sqlite:'))
        return execFileSync('sqlite3', [dbUrl.slice(7), '.schema'], { encoding: 'utf8' });
    return execFileSync('pg_dump', ['--schema-only', '--no-owner', dbUrl], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        .split('\n').filter((line) => !/^\\(un)?restrict /.test(line)).join('\n');
}

const versions = (dbUrl) => sqlRows(dbUrl, 'SELECT version FROM schema_migrations ORDER BY version').map((r) => r[0]);
const pending = (dbUrl) => runCli(['migrate', 'status'], { COPILOT_DATABASE_URL: dbUrl });

describe('fresh databases: the migrated template and the empty one', () => {
    let tmp;
    before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-fresh-')); });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test('a server started on an empty database migrates it at start, to the schema of the template copy', async () => {
        const srv = await startServer({ empty: true });
        try {
            const user = await registerUser(srv);
            expectStatus(await srv.api('GET', '/jobs', { token: user.token }), 200);
            assert.doesNotMatch(pending(srv.dbUrl), /pending/);
            const dir = path.join(tmp, 'copy');
            fs.mkdirSync(dir);
            const copy = freshDatabase(dir);
            assert.deepEqual(versions(copy), versions(srv.dbUrl));
            assert.ok(versions(copy).length > 0);
            assert.equal(schemaOf(copy), schemaOf(srv.dbUrl));
        } finally {
            await srv.stop();
        }
    });

    test('the template copy has no pending migration and no rows; empty: true has no schema', () => {
        const dir = path.join(tmp, 'both');
        fs.mkdirSync(dir);
        const copy = freshDatabase(dir);
        assert.doesNotMatch(pending(copy), /pending/);
        assert.equal(sqlRows(copy, 'SELECT count(*) FROM users')[0][0], '0');
        const emptyDir = path.join(tmp, 'empty');
        fs.mkdirSync(emptyDir);
        const empty = freshDatabase(emptyDir, { empty: true });
        const tables = ENGINE === 'sqlite'
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            : "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";
        assert.equal(sqlRows(empty, tables)[0][0], '0');
        assert.match(pending(empty), /pending/);
    });

    test('another binary gets a template of its own, migrated by that binary', () => {
        // the same program with other bytes: another hash, so another template (as a binary
        // rebuilt with a new migration would get)
        const other = path.join(tmp, 'copilot-other');
        fs.copyFileSync(BIN, other);
        fs.appendFileSync(other, '\nanother build\n');
        fs.chmodSync(other, 0o755);
        const dir = path.join(tmp, 'other');
        fs.mkdirSync(dir);
        const r = spawnSync(process.execPath, ['--input-type=module', '-e',
            `const m = await import(${JSON.stringify(HELPERS)}); console.log(m.templateKey(), m.freshDatabase(${JSON.stringify(dir)}));`],
        { encoding: 'utf8', env: { ...process.env, COPILOT_BIN: other }, timeout: 120000 * SLOW });
        assert.equal(r.status, 0, r.stderr);
        const [key, dbUrl] = r.stdout.trim().split(' ');
        assert.match(key, /^[0-9a-f]{16}$/);
        assert.notEqual(key, templateKey());
        assert.doesNotMatch(pending(dbUrl), /pending/);
        if (ENGINE === 'sqlite') {
            const file = path.join(SQLITE_TEMPLATES, `${key}.db`);
            assert.ok(fs.existsSync(file), 'the other binary made its own template file');
            fs.rmSync(file, { force: true });
        } else {
            const names = sqlRows(dbUrl, 'SELECT datname FROM pg_database WHERE datistemplate AND NOT datallowconn ORDER BY datname')
                .map((row) => row[0]);
            assert.ok(names.includes(`copilot_${key}`), names.join(' '));
            assert.ok(names.includes(`copilot_${templateKey()}`), names.join(' '));
        }
    });
});
