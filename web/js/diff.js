// A word diff between two texts: the longest common subsequence of their tokens (each word with
// the space after it), as [{ op: '=' | '-' | '+', text }] with neighbours of one kind
// merged. Words are compared without the space after them (a word that only gained a line
// break after it is unchanged; the kept text is the newer one's). Texts beyond MAX_TOKENS fall back to "all removed, all added" rather than using
// quadratic memory.

const MAX_TOKENS = 4000;

function tokens(text) {
    return String(text || '').match(/\S+\s*|\s+/g) || [];
}

/* What two tokens are compared by: the word without its trailing space (a run of space alone
 * stays itself). */
function key(token) {
    return token.trimEnd() || token;
}

function push(out, op, text) {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
}

export function wordDiff(before, after) {
    const a = tokens(before);
    const b = tokens(after);
    const ka = a.map(key);
    const kb = b.map(key);
    const out = [];
    // Common head and tail first: edits are usually local, and this keeps the table small.
    let start = 0;
    while (start < a.length && start < b.length && ka[start] === kb[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && ka[endA - 1] === kb[endB - 1]) {
        endA--;
        endB--;
    }
    if (start > 0) push(out, '=', b.slice(0, start).join(''));
    const midA = a.slice(start, endA);
    const midB = b.slice(start, endB);
    if (midA.length * midB.length > MAX_TOKENS * MAX_TOKENS / 4 || midA.length > MAX_TOKENS || midB.length > MAX_TOKENS) {
        if (midA.length) push(out, '-', midA.join(''));
        if (midB.length) push(out, '+', midB.join(''));
    } else {
        lcs(midA, midB, ka.slice(start, endA), kb.slice(start, endB), out);
    }
    if (endB < b.length) push(out, '=', b.slice(endB).join(''));
    return out;
}

/* Classic dynamic programme on the middle part (tokens a, b; their keys ka, kb), walked forwards. */
function lcs(a, b, ka, kb, out) {
    const n = a.length;
    const m = b.length;
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            table[i * width + j] = ka[i] === kb[j]
                ? table[(i + 1) * width + j + 1] + 1
                : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
        }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (ka[i] === kb[j]) {
            push(out, '=', b[j]);
            i++;
            j++;
        } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
            push(out, '-', a[i++]);
        } else {
            push(out, '+', b[j++]);
        }
    }
    while (i < n) push(out, '-', a[i++]);
    while (j < m) push(out, '+', b[j++]);
}
