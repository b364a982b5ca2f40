// The progress of the long commands (issue 9; src/cli/meter.c): `copilot seed`, `import`,
// `export` and `discover` write their progress to stderr — the first line at once, running lines
// with count, percentage, rate and ETA when the total is known, a last line with the count and
// the time it took — when stderr is a terminal or --progress is given, and nothing to stderr
// when it is piped without --progress. stdout keeps what it always had. (copy-db's progress is
// checked by tests/scale/copy_db.test.mjs.)

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, SLOW, UNDER_RUNNER, freshDatabase, runCliResult } from './helpers.mjs';

/* A running line ("seed: 224/700 rows (32%), 1066 rows/s, ETA 2 s") or the first one. */
const RUNNING = /^(\w[\w-]*): (\d+)(?:\/(\d+))? (\w+)(?: \((\d+)%\))?(?:, ([\d.]+) \4\/s(?:, ETA (\S+ ?s|\d+m\d\ds|\d+h\d\dm))?)?$/;
/* The last line ("seed: 700/700 rows in 0.3 s, 2333 rows/s"). */
const FINAL = /^(\w[\w-]*): (\d+)(?:\/(\d+))? (\w+) in (\d+\.\d s|\d+ s|\d+m\d\ds|\d+h\d\dm)(?:, ([\d.]+) \4\/s)?$/;

/* The progress lines of stderr: every line but the last is a running line of label with a
 * count that never goes down (the first one at 0); the last is the final line. Returns
 * { first, running, last } (the regex matches). */
function progressLines(stderr, label) {
    assert.ok(stderr.endsWith('\n'), `stderr ends its last line: ${JSON.stringify(stderr)}`);
    assert.doesNotMatch(stderr, /[\r\x1b]/, 'no terminal codes when stderr is not a terminal');
    const lines = stderr.slice(0, -1).split('\n');
    assert.ok(lines.length >= 2, `a first and a last line: ${JSON.stringify(stderr)}`);
    const running = lines.slice(0, -1).map((line) => {
        const m = RUNNING.exec(line);
        assert.ok(m, `a progress line: ${JSON.stringify(line)}`);
        assert.equal(m[1], label);
        return m;
    });
    for (let i = 1; i < running.length; i++)
        assert.ok(Number(running[i][2]) >= Number(running[i - 1][2]), 'the count never goes down');
    assert.equal(running[0][2], '0', 'the first line comes before any row');
    const last = FINAL.exec(lines.at(-1));
    assert.ok(last, `a final line: ${JSON.stringify(lines.at(-1))}`);
    assert.equal(last[1], label);
    return { first: running[0], running, last };
}

describe('progress of the long commands', () => {
    let tmp;
    let env;
    const cli = (args) => runCliResult(args, env);

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-progress-'));
        env = { COPILOT_DATABASE_URL: freshDatabase(tmp, { empty: true }), COPILOT_DATA_DIR: tmp };
    });
    after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

    test('seed --progress: rows of jobs and applications out of the total, then the totals', () => {
        const r = cli(['seed', '--users', '2', '--jobs', '1200', '--applications', '300', '--seed', '71', '--progress']);
        assert.equal(r.status, 0, r.stderr);
        const { first, running, last } = progressLines(r.stderr, 'seed');
        assert.equal(first[3], '1500');
        assert.equal(first[5], '0');
        for (const m of running) {
            assert.equal(m[3], '1500', 'every line has the total');
            assert.equal(m[4], 'rows');
            assert.equal(Number(m[5]), Math.floor(Number(m[2]) * 100 / 1500), 'the percentage of the count');
        }
        assert.deepEqual([last[2], last[3], last[4]], ['1500', '1500', 'rows']);
        assert.ok(Number(last[6]) > 0, 'a rate');
        assert.match(r.stdout, /^seed 71: created 2 users, 1200 jobs and 300 applications in [\d.]+ s$/m);
    });

    test('seed piped without --progress: nothing on stderr', () => {
        const r = cli(['seed', '--users', '1', '--jobs', '50', '--seed', '72']);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^seed 72: created 1 users, 50 jobs and 20 applications/m);
    });

    test('import --progress: the rows of a JSON array and of a CSV file (broken records too) out of their number', () => {
        const jobs = Array.from({ length: 40 }, (_, i) => ({ company: `Progress Co ${i}`, title: 'Engineer' }));
        jobs.push({ title: 'no company' }); // a row the import reports, counted all the same
        const json = path.join(tmp, 'jobs.json');
        fs.writeFileSync(json, JSON.stringify(jobs));
        let r = cli(['import', 'jobs', json, '--user', 's71_user001', '--progress']);
        assert.equal(r.status, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.equal(report.created, 40);
        assert.equal(report.errors.length, 1);
        let { first, running, last } = progressLines(r.stderr, 'import');
        // the array's length is known once it is parsed: not on the first line, on the others
        assert.equal(first[3], undefined);
        for (const m of running.slice(1)) assert.equal(m[3], '41');
        assert.deepEqual([last[2], last[3], last[4]], ['41', '41', 'rows']);

        const csv = path.join(tmp, 'jobs.csv');
        fs.writeFileSync(csv, 'company,title\nCsv A,Dev\n"Csv, B",Dev\nCsv C,Dev\n"never closed,Dev\n');
        r = cli(['import', 'jobs', csv, '--progress', '--user', 's71_user001']);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout).created, 3);
        ({ first, last } = progressLines(r.stderr, 'import'));
        assert.equal(first[3], '4', "the CSV file's records after the header are the total");
        assert.deepEqual([last[2], last[3]], ['4', '4']);
    });

    test('import piped without --progress: nothing on stderr', () => {
        const json = path.join(tmp, 'quiet.json');
        fs.writeFileSync(json, JSON.stringify([{ company: 'Quiet Co', title: 'Engineer' }]));
        const r = cli(['import', 'jobs', json, '--user', 's71_user002']);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.equal(JSON.parse(r.stdout).created, 1);
    });

    test('import reads a file and standard input whole, past 64 KiB (src/cli/import.c read_file)', () => {
        // 300 rows of about 1 KB: the file is read into a buffer of its size, the pipe 64 KiB at
        // a time; the last row stored proves the whole text arrived either way
        const rows = (tag) => Array.from({ length: 300 }, (_, i) => ({
            company: `Whole ${tag} ${i}`, title: 'Engineer', description: `${tag} `.repeat(200) + i,
        }));
        const json = path.join(tmp, 'whole.json');
        const text = JSON.stringify(rows('file'));
        assert.ok(text.length > 4 * 65536, `the text spans several 64 KiB reads: ${text.length}`);
        fs.writeFileSync(json, text);
        let r = cli(['import', 'jobs', json, '--user', 's71_user002']);
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout), { created: 300, duplicates: 0, errors: [], ignored_columns: [] });
        const piped = JSON.stringify(rows('pipe'));
        const p = spawnSync(BIN, ['import', 'jobs', '-', '--user', 's71_user002'],
            { encoding: 'utf8', env: { ...process.env, ...env }, input: piped, timeout: 30000 * SLOW });
        assert.equal(p.status, 0, p.stderr);
        assert.deepEqual(JSON.parse(p.stdout), { created: 300, duplicates: 0, errors: [], ignored_columns: [] });
        r = cli(['import', 'jobs', json, '--user', 's71_user002']);
        assert.equal(JSON.parse(r.stdout).duplicates, 300, 'the file read again: every row a duplicate');
        fs.writeFileSync(json, '');
        r = cli(['import', 'jobs', json, '--user', 's71_user002']);
        assert.equal(r.status, 1, 'an empty file is no JSON array');
        assert.match(r.stderr, /^copilot import: malformed JSON/);
    });

    test('export --progress: the rows written, as many as the document holds', () => {
        const r = cli(['export', '1', '--progress']);
        assert.equal(r.status, 0, r.stderr);
        const doc = JSON.parse(r.stdout);
        const rows = Object.values(doc).filter(Array.isArray).reduce((n, list) => n + list.length, 0);
        assert.ok(rows > 600, `the seeded user's rows: ${rows}`);
        const { first, last } = progressLines(r.stderr, 'export');
        assert.equal(first[3], undefined, 'no total: the export does not count first');
        assert.equal(last[2], String(rows));
        assert.equal(last[3], undefined);
        const quiet = cli(['export', '1']);
        assert.equal(quiet.status, 0, quiet.stderr);
        assert.equal(quiet.stderr, '');
        assert.equal(quiet.stdout.length, r.stdout.length);
        assert.equal(cli(['export', '1', '2']).status, 2, 'one user id');
    });

    test('discover --progress counts sources', () => {
        const r = cli(['discover', '--user', '1', '--progress']);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /^0 sources: 0 new jobs, 0 already tracked, 0 failed$/m);
        const { last } = progressLines(r.stderr, 'discover');
        assert.deepEqual([last[2], last[4]], ['0', 'sources']);
        const quiet = cli(['discover', '--user', '1']);
        assert.equal(quiet.status, 0, quiet.stderr);
        assert.equal(quiet.stderr, '');
    });

    test('on a terminal the line is rewritten in place without --progress, and ends with a newline', (t) => {
        let script;
        try { script = execFileSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).trim(); } catch { /* none */ }
        if (!script || UNDER_RUNNER) {
            t.skip('needs script(1) for a pseudo-terminal, and no RUNNER');
            return;
        }
        const command = [BIN, 'seed', '--users', '1', '--jobs', '300', '--seed', '73'].map((a) => `'${a}'`).join(' ');
        const out = execFileSync(script, ['-qec', `${command} >/dev/null`, '/dev/null'],
            { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30000 * SLOW });
        assert.ok(out.startsWith('\rseed: 0/420 rows (0%)\x1b[K'), JSON.stringify(out.slice(0, 80)));
        assert.match(out, /\rseed: 420\/420 rows in [^,\r\n]+, [\d.]+ rows\/s\x1b\[K\r?\n$/);
    });

    test('--progress is in the help of each command', () => {
        const help = cli(['help']).stdout;
        for (const command of ['import jobs', 'export', 'seed', 'discover', 'copy-db']) {
            const line = help.split('\n').find((l) => l.trimStart().startsWith(command));
            assert.ok(line && line.includes('[--progress]'), `${command}: ${line}`);
        }
        for (const args of [['import', 'jobs'], ['export'], ['seed', '--jobs'], ['discover', '--bad'], ['copy-db']]) {
            const r = cli(args);
            assert.equal(r.status, 2);
            assert.match(r.stderr, /^usage: .*\[--progress\]/m, args.join(' '));
        }
    });
});
