// A word diff between two texts: the longest common subsequence of their tokens (each word with
// the space after it), as [{ op: '=' | '-' | '+', text }] with neighbours of one kind
// merged. Texts beyond MAX_TOKENS fall back to "all removed, all added" rather than using
// quadratic memory.

const MAX_TOKENS = 4000;

function tokens(text) {
    return String(text || '').match(/\S+\s*|\s+/g) || [];
}

function push(out, op, text) {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
}

export function wordDiff(before, after) {
    const a = tokens(before);
    const b = tokens(after);
    const out = [];
    // Common head and tail first: edits are usually local, and this keeps the table small.
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
        endA--;
        endB--;
    }
    if (start > 0) push(out, '=', a.slice(0, start).join(''));
    const midA = a.slice(start, endA);
    const midB = b.slice(start, endB);
    if (midA.length * midB.length > MAX_TOKENS * MAX_TOKENS / 4 || midA.length > MAX_TOKENS || midB.length > MAX_TOKENS) {
        if (midA.length) push(out, '-', midA.join(''));
        if (midB.length) push(out, '+', midB.join(''));
    } else {
        lcs(midA, midB, out);
    }
    if (endA < a.length) push(out, '=', a.slice(endA).join(''));
    return out;
}

/* Classic dynamic programme on the middle part, walked forwards. */
function lcs(a, b, out) {
    const n = a.length;
    const m = b.length;
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            table[i * width + j] = a[i] === b[j]
                ? table[(i + 1) * width + j + 1] + 1
                : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
        }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (a[i] === b[j]) {
            push(out, '=', a[i]);
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
