// What the brute-force list suites share (list_plans, list_orders and list_app_orders: one file
// each, so that node --test runs them side by side): every row of a list, the list's order, the
// search's words and two servers on one database.
import { expectStatus, registerUser, startServer } from './helpers.mjs';

/* Every job (or row of collection) of the user signed in with tok on server, a page of 100 at a
 * time in id order. */
export async function jobsOf(server, tok, collection = '/jobs') {
    const out = [];
    for (let offset = 0; ; offset += 100) {
        const page = expectStatus(await server.api('GET', `${collection}?limit=100&offset=${offset}&sort=created_at`, { token: tok }), 200);
        out.push(...page.items);
        if (page.items.length < 100) return out;
    }
}

export const appsOf = (server, tok) => jobsOf(server, tok, '/applications');

/* The list's order: the column (NULLs last in both directions), then id in the same direction;
 * text compared by code unit (binary collation, ASCII data). */
export function ordered(rows, sort) {
    const desc = sort.startsWith('-');
    const col = desc ? sort.slice(1) : sort;
    const sign = desc ? -1 : 1;
    return [...rows].sort((a, b) => {
        const x = a[col], y = b[col];
        if ((x === null) !== (y === null)) return x === null ? 1 : -1;
        if (x !== null && x !== y) return (x < y ? -1 : 1) * sign;
        return (a.id - b.id) * sign;
    });
}

/* The words of text as both full-text indexes cut them (letters and digits), lower-cased. */
export const words = (text) => (text || '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
/* Brute force of ?q=: every word of q begins a word of the title, company, description or
 * requirements. */
export function searchMatches(job, q) {
    const have = ['title', 'company', 'description', 'requirements'].flatMap((f) => words(job[f]));
    return words(q).every((w) => have.some((h) => h.startsWith(w)));
}

/* Two servers on one database, and two users registered through the first. */
export async function twoServers() {
    const a = await startServer();
    let b;
    try {
        b = await startServer({ dbUrl: a.dbUrl });
    } catch (err) {
        await a.stop();
        throw err;
    }
    return { a, b, dbUrl: a.dbUrl, user: await registerUser(a), other: await registerUser(a) };
}
