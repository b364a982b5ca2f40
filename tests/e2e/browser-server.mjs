// One headless Chromium for a whole browser run, shared by its test files: tests/e2e/run starts
// this script, reads the browser's WebSocket endpoint from its first line of output and exports
// it as E2E_BROWSER_WS; helpers.mjs's launch() then connects to it instead of starting a Chromium
// per file. Each file's connection sees only the contexts it created (playwright's launchServer
// isolates them), and its browser.close() closes those and disconnects, leaving the browser to
// the others. Runs until SIGTERM or SIGINT (closes Chromium, then exits 0) or until Chromium
// exits on its own (a crash: says so and exits 1, and the run fails).

import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './helpers.mjs';

const server = await chromium.launchServer({
    ...LAUNCH_OPTIONS,
    host: '127.0.0.1',
    // this script closes Chromium itself on these (playwright's own handlers would exit first)
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
});
let stopping = false;
server.on('close', (code, signal) => {
    if (stopping) return;
    console.error(`e2e: Chromium exited during the run (status ${code}, signal ${signal})`);
    process.exit(1);
});
const stop = async () => {
    if (stopping) return;
    stopping = true;
    // bounds for a close that never ends: Chromium is killed after 10 s, and this script exits
    // after 15 s whatever is left. Playwright's close and kill both wait for Chromium's output to
    // end, and the two chrome_crashpad_handler processes Chromium starts hold it from sessions of
    // their own, out of reach of the kill (a signal to Chromium's process group): one that
    // outlived Chromium once held this stop past tests/e2e/run's 30 s and failed a CI run whose
    // tests had passed. (--disable-crashpad-for-testing, which starts no handler, leaves
    // Debian's Chromium restarting its network service in a loop: every test hung.)
    setTimeout(() => server.kill(), 10000);
    setTimeout(() => {
        console.error('e2e: Chromium did not close within 15 s of the stop; exiting without it');
        process.exit(0);
    }, 15000);
    await server.close();
    process.exit(0);
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
console.log(server.wsEndpoint());
