// The Debian package and the deployment files (issue 12, part 6): scripts/build-deb builds the
// package from the server binary; it is extracted into a throwaway root (dpkg-deb -x), its binary
// starts on SQLite with the packaged configuration and answers /healthz, its man page renders, its
// Depends covers every library the binary links, its systemd units pass `systemd-analyze verify`
// and its nginx site passes `nginx -t` (also with the TLS lines enabled).
//
// Environment: COPILOT_BIN (the binary to package; its directory is the build directory).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, ROOT, expectStatus, registerUser } from '../api/helpers.mjs';

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

/* KEY=value lines of a systemd EnvironmentFile (comments and blank lines skipped). */
function parseEnvFile(text) {
    const env = {};
    for (const line of text.split('\n')) {
        const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
        if (m) env[m[1]] = m[2];
    }
    return env;
}

/* The Debian package that installed file (dpkg knows it under one of its names: with merged /usr,
 * /usr/lib/x/libm.so.6 is registered as /lib/x/libm.so.6). */
function packageOwning(file) {
    const real = fs.realpathSync(file);
    const names = [...new Set([file, real, file.replace(/^\/usr\//, '/'), real.replace(/^\/usr\//, '/')])];
    for (const name of names) {
        try {
            return run('dpkg', ['-S', name]).split(':')[0];
        } catch { /* try the next name */ }
    }
    throw new Error(`no package owns ${names.join(' or ')}`);
}

describe('the Debian package', () => {
    let tmp;
    let deb;
    let pkgRoot;

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-deb-test-'));
        deb = run(path.join(ROOT, 'scripts', 'build-deb'), [path.dirname(BIN), tmp]).trim();
        pkgRoot = path.join(tmp, 'root');
        run('dpkg-deb', ['-x', deb, pkgRoot]);
    });
    after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

    test('is named after the version and architecture and holds the binary, units, configuration and man page', () => {
        const version = run(BIN, ['version']).trim().split(' ')[1];
        const arch = run('dpkg', ['--print-architecture']).trim();
        assert.equal(path.basename(deb), `copilot_${version}_${arch}.deb`);
        assert.equal(run('dpkg-deb', ['-f', deb, 'Package']).trim(), 'copilot');
        assert.equal(run('dpkg-deb', ['-f', deb, 'Version']).trim(), version);
        const contents = run('dpkg-deb', ['-c', deb]);
        for (const file of ['./usr/bin/copilot', './lib/systemd/system/copilot.service', './lib/systemd/system/copilot@.service',
            './etc/copilot/copilot.env', './usr/share/man/man1/copilot.1.gz', './usr/share/doc/copilot/copyright',
            './usr/share/doc/copilot/examples/nginx-copilot.conf'])
            assert.match(contents, new RegExp(` ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`), `${file} in the package`);
        assert.match(contents, /^-rw------- root\/root .* \.\/etc\/copilot\/copilot\.env$/m, 'the configuration is root-only (it may hold passwords)');
        assert.match(contents, /^-rwxr-xr-x root\/root .* \.\/usr\/bin\/copilot$/m);
        run('dpkg-deb', ['-e', deb, path.join(tmp, 'control')]);
        assert.equal(fs.readFileSync(path.join(tmp, 'control', 'conffiles'), 'utf8'), '/etc/copilot/copilot.env\n');
        assert.equal(run(path.join(pkgRoot, 'usr/bin/copilot'), ['version']).trim(), `copilot ${version}`);
    });

    test('Depends names the package of every library the binary links (ldd)', () => {
        const depends = run('dpkg-deb', ['-f', deb, 'Depends']).trim();
        const names = new Set(depends.split(',').map((d) => d.trim().split(/[ (]/)[0]));
        const needed = run('objdump', ['-p', path.join(pkgRoot, 'usr/bin/copilot')])
            .split('\n').filter((l) => /^\s*NEEDED\s/.test(l)).map((l) => l.trim().split(/\s+/)[1]);
        assert.ok(needed.length >= 8, `NEEDED entries: ${needed}`);
        const ldd = run('ldd', [path.join(pkgRoot, 'usr/bin/copilot')]);
        for (const lib of needed) {
            const m = new RegExp(`^\\s*${lib.replace(/\./g, '\\.')} => (\\S+)`, 'm').exec(ldd);
            assert.ok(m, `ldd resolves ${lib}`);
            const owner = packageOwning(m[1]);
            assert.ok(names.has(owner), `${lib} comes from ${owner}, which Depends (${depends}) should name`);
        }
    });

    test('the extracted binary starts on SQLite with the packaged configuration and answers /healthz', async () => {
        const packaged = parseEnvFile(fs.readFileSync(path.join(pkgRoot, 'etc/copilot/copilot.env'), 'utf8'));
        assert.match(packaged.COPILOT_DATABASE_URL, /^sqlite:\/var\/lib\/copilot\//, 'SQLite in the state directory by default');
        // the packaged settings, but a throwaway database and data directory (startServer's) and a free port
        const env = { ...packaged };
        for (const key of ['COPILOT_DATABASE_URL', 'COPILOT_DATA_DIR', 'COPILOT_HOST', 'COPILOT_PORT']) delete env[key];
        // helpers.mjs starts the binary named by COPILOT_BIN when it is first imported
        const saved = process.env.COPILOT_BIN;
        process.env.COPILOT_BIN = path.join(pkgRoot, 'usr/bin/copilot');
        const helpers = await import(`../api/helpers.mjs?packaged=${Date.now()}`);
        process.env.COPILOT_BIN = saved;
        assert.equal(helpers.BIN, path.join(pkgRoot, 'usr/bin/copilot'));
        const srv = await helpers.startServer({ dbUrl: `sqlite:${path.join(tmp, 'copilot.db')}`, env });
        try {
            assert.equal(expectStatus(await srv.request('GET', '/healthz'), 200).status, 'ok');
            assert.equal(expectStatus(await srv.request('GET', '/readyz'), 200).database, 'sqlite');
            const user = await registerUser(srv);
            expectStatus(await srv.api('GET', '/users/me', { token: user.token }), 200);
            assert.ok(fs.existsSync(path.join(tmp, 'copilot.db')), 'the database file was created');
        } finally {
            await srv.stop();
        }
    });

    test('the man page renders with man -l and documents the commands and files', () => {
        const page = run('man', ['-l', path.join(pkgRoot, 'usr/share/man/man1/copilot.1.gz')],
            { env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100' } });
        assert.match(page, /^COPILOT\(1\)/m);
        for (const text of ['NAME', 'copilot - self-hosted job tracker', 'serve [--port N]', 'migrate [up | down N | status]',
            'COPILOT_DATABASE_URL', 'FILES', '/etc/copilot/copilot.env', 'SEE ALSO'])
            assert.ok(page.includes(text), `the man page mentions ${text}:\n${page}`);
    });

    test('the systemd units pass systemd-analyze verify and share one hardening block', () => {
        // verify checks that ExecStart is executable and that man:copilot(1) exists, so it runs on
        // copies that point at the extracted binary, with MANPATH at the extracted man pages
        const units = path.join(tmp, 'units');
        fs.mkdirSync(units);
        const files = ['copilot.service', 'copilot@.service'].map((name) => {
            const text = fs.readFileSync(path.join(pkgRoot, 'lib/systemd/system', name), 'utf8');
            assert.match(text, /^ExecStart=\/usr\/bin\/copilot serve/m);
            fs.writeFileSync(path.join(units, name), text.replaceAll('/usr/bin/copilot', path.join(pkgRoot, 'usr/bin/copilot')));
            return path.join(units, name);
        });
        run('systemd-analyze', ['verify', ...files], { env: { ...process.env, MANPATH: path.join(pkgRoot, 'usr/share/man') } });
        const hardening = (name) => {
            const text = fs.readFileSync(path.join(pkgRoot, 'lib/systemd/system', name), 'utf8');
            return text.slice(text.indexOf('\nDynamicUser='), text.indexOf('\nLimitNOFILE=')).split('\n').filter((l) => !l.startsWith('#'));
        };
        assert.deepEqual(hardening('copilot@.service'), hardening('copilot.service'));
        for (const line of ['DynamicUser=yes', 'ProtectSystem=strict', 'StateDirectory=copilot', 'NoNewPrivileges=yes',
            'PrivateTmp=yes', 'ProtectHome=yes', 'CapabilityBoundingSet=', 'SystemCallFilter=@system-service',
            'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX'])
            assert.ok(hardening('copilot.service').includes(line), line);
    });

    test('the nginx site passes nginx -t, plain and with TLS, and its body limit is COPILOT_MAX_UPLOAD', () => {
        const site = fs.readFileSync(path.join(pkgRoot, 'usr/share/doc/copilot/examples/nginx-copilot.conf'), 'utf8');
        const packaged = parseEnvFile(fs.readFileSync(path.join(pkgRoot, 'etc/copilot/copilot.env'), 'utf8'));
        const limit = /client_max_body_size (\d+)([km]?);/.exec(site);
        assert.ok(limit, 'client_max_body_size is set');
        const bytes = Number(limit[1]) * { '': 1, k: 1024, m: 1024 * 1024 }[limit[2]];
        assert.equal(bytes, Number(packaged.COPILOT_MAX_UPLOAD));
        assert.equal((site.match(/^\s*server 127\.0\.0\.1:\d+/gm) || []).length, 3, 'an upstream of three instances');

        const dir = path.join(tmp, 'nginx');
        fs.mkdirSync(dir);
        // TLS enabled: the commented lines uncommented, with a self-signed certificate at the certbot paths' place
        run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=copilot.example.org',
            '-keyout', path.join(dir, 'privkey.pem'), '-out', path.join(dir, 'fullchain.pem')]);
        fs.copyFileSync(path.join(dir, 'fullchain.pem'), path.join(dir, 'chain.pem'));
        const tls = site.replace(/^(\s*)#(listen 443|listen \[::\]:443|ssl_|add_header|if \()/gm, '$1$2')
            .replaceAll('/etc/letsencrypt/live/copilot.example.org', dir);
        assert.notEqual(tls, site, 'the site has commented TLS lines');
        assert.match(site, /\/etc\/letsencrypt\/live\/copilot\.example\.org\/fullchain\.pem/, 'certbot paths');
        for (const [name, text] of [['plain', site], ['tls', tls]]) {
            fs.writeFileSync(path.join(dir, `${name}.conf`), text);
            const conf = path.join(dir, `nginx-${name}.conf`);
            fs.writeFileSync(conf, [
                `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log;`, 'events {}', 'http {',
                `    access_log ${dir}/access.log;`,
                ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${dir}/${t};`),
                `    include ${dir}/${name}.conf;`, '}', ''].join('\n'));
            run('nginx', ['-t', '-q', '-p', dir, '-e', `${dir}/error.log`, '-c', conf]);
        }
    });
});
