// What the scale tests share beyond tests/api/helpers.mjs: the scripts/pg-cluster commands for the
// primary + synchronous standby that tests/scale/run starts (COPILOT_TEST_PG_CLUSTER names its
// directory), SQL through psql, and starting several `copilot serve` instances on one database.

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startServer } from '../api/helpers.mjs';

const PG_CLUSTER = path.join(ROOT, 'scripts', 'pg-cluster');
const execFileAsync = promisify(execFile);

function clusterDir() {
    const dir = process.env.COPILOT_TEST_PG_CLUSTER;
    assert.ok(dir, 'COPILOT_TEST_PG_CLUSTER must name a running scripts/pg-cluster directory (tests/scale/run sets it)');
    return dir;
}

/* The cluster's commands. The ones used while servers are under load are asynchronous so the
 * event loop (the writers, the /readyz pollers) keeps running. */
export const cluster = {
    /* Creates database name on the primary; returns the two-host URL with
     * target_session_attrs=read-write. */
    createdb: (name) => execFileSync(PG_CLUSTER, ['createdb', clusterDir(), name], { encoding: 'utf8' }).trim(),
    /* [primary port, standby port] as started. */
    ports: () => execFileSync(PG_CLUSTER, ['ports', clusterDir()], { encoding: 'utf8' }).trim().split(' ').map(Number),
    killPrimary: () => execFileAsync(PG_CLUSTER, ['kill-primary', clusterDir()]),
    promote: () => execFileAsync(PG_CLUSTER, ['promote', clusterDir()], { timeout: 60000 }),
};

/* Runs sql on database db at 127.0.0.1:port (or a full URL as db) and returns the rows as arrays
 * of text fields. Values must not contain tabs or newlines. */
export function psqlRows(port, db, sql) {
    const target = port ? ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db] : [db];
    const out = execFileSync('psql', ['-X', '-q', '-At', '-F', '\t', ...target, '-c', sql],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/* Starts n `copilot serve` instances on dbUrl (the first one migrates, the others start on the
 * migrated schema at the same time) and returns them. */
export async function startInstances(n, dbUrl, env = {}) {
    const first = await startServer({ dbUrl, env });
    const rest = await Promise.all(Array.from({ length: n - 1 }, () => startServer({ dbUrl, env })));
    return [first, ...rest];
}
