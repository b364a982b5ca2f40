// helpers.mjs' SLOW, the factor on the suites' bounds on a hang: 1 by default, COPILOT_TEST_SLOW
// for a slower binary run directly (make asan sets 4), 20 under a RUNNER (valgrind) whatever
// COPILOT_TEST_SLOW says; a value that is not a number from 1 to 20 stops the file at once
// rather than running it with a bound nobody meant. No server: each case imports helpers.mjs in
// a node process of its own with the environment under test.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const HELPERS = new URL('./helpers.mjs', import.meta.url).href;

function slowWith(env) {
    const clean = { ...process.env };
    delete clean.COPILOT_TEST_SLOW;
    delete clean.COPILOT_TEST_RUNNER;
    const r = spawnSync(process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(HELPERS)}); console.log(m.SLOW, m.UNDER_RUNNER);`],
        { encoding: 'utf8', env: { ...clean, ...env } });
    return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

test('SLOW is 1 by default, COPILOT_TEST_SLOW without a RUNNER, 20 under a RUNNER', () => {
    assert.deepEqual(slowWith({}), { status: 0, out: '1 false', err: '' });
    assert.deepEqual(slowWith({ COPILOT_TEST_SLOW: '' }), { status: 0, out: '1 false', err: '' });
    assert.deepEqual(slowWith({ COPILOT_TEST_SLOW: '4' }), { status: 0, out: '4 false', err: '' });
    assert.deepEqual(slowWith({ COPILOT_TEST_SLOW: '2.5' }), { status: 0, out: '2.5 false', err: '' });
    assert.deepEqual(slowWith({ COPILOT_TEST_RUNNER: 'valgrind -q' }), { status: 0, out: '20 true', err: '' });
    assert.deepEqual(slowWith({ COPILOT_TEST_RUNNER: 'valgrind -q', COPILOT_TEST_SLOW: '4' }), { status: 0, out: '20 true', err: '' });
});

test('a COPILOT_TEST_SLOW that is not a number from 1 to 20 is refused', () => {
    for (const bad of ['abc', '0', '0.5', '-3', '21', 'Infinity', '4x']) {
        const r = slowWith({ COPILOT_TEST_SLOW: bad });
        assert.notEqual(r.status, 0, bad);
        assert.match(r.err, /COPILOT_TEST_SLOW must be a number from 1 to 20/, bad);
    }
});
