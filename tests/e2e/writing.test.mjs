// Writing: from a job's page to a cover letter written by the built-in generator, edited into a
// second version, compared word by word, restored to the first and approved; every other kind
// of text can be generated too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('writing', () => {
    let browser, page, user, jobId, original;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('write');
        await call(user.token, 'PATCH', '/users/me', { skills: ['Go', 'SQL'] });
        jobId = (await call(user.token, 'POST', '/jobs', { company: 'Initech', title: 'Go Developer', tech_stack: ['Go', 'SQL'] })).id;
        await signIn(page, user.token, `#/jobs/${jobId}`);
    });
    after(async () => {
        await browser?.close();
    });

    it('writes a cover letter for a job, saying who wrote it', async () => {
        await open(page, `#/jobs/${jobId}`, 'Go Developer');
        await page.getByTestId('write-letter').click();
        await page.getByRole('heading', { level: 1, name: 'Writing' }).waitFor();
        assert.equal(await page.locator('#content-job').inputValue(), String(jobId));
        await checkA11y(page, 'writing');
        await page.locator('#content-tone').selectOption('enthusiastic');
        await page.locator('#content-instructions').fill('Mention my open-source work.');
        await page.getByTestId('generate-submit').click();
        await page.waitForURL(/#\/writing\/\d+$/);
        await page.getByRole('heading', { level: 1, name: /Cover letter for Go Developer at Initech/ }).waitFor();
        assert.equal(await page.getByTestId('generator').textContent(), 'Written by the built-in generator');
        original = await page.locator('#content-text').inputValue();
        assert.match(original, /Initech/);
        await checkA11y(page, 'writing detail');
    });

    it('saves an edit as a new version and shows the difference', async () => {
        const edited = original.replace(/^[^\n]+/, 'Dear Ms Smith,');
        assert.notEqual(edited, original);
        await page.locator('#content-text').fill(edited);
        await page.locator('#content-note').fill('named the reader');
        await page.getByTestId('save-version').click();
        await page.getByTestId('flash').filter({ hasText: 'Saved as a new version.' }).waitFor();
        await page.getByTestId('version').nth(1).waitFor();
        assert.equal(await page.getByTestId('version').count(), 2);
        assert.match(await page.getByTestId('versions').textContent(), /named the reader/);
        const diff = page.getByTestId('diff');
        assert.match(await diff.locator('ins').first().textContent(), /Ms Smith/);
        assert.ok((await diff.locator('del').count()) >= 1);
        assert.equal(await page.locator('#content-text').inputValue(), edited);
        // the first version's note is in words, not the generator's API name
        const first = await page.locator('[data-testid="version"][data-version="1"]').textContent();
        assert.match(first, /written by the built-in generator/);
        assert.doesNotMatch(first, /builtin/);
    });

    it('shows a word that only gained a line break after it as unchanged', async () => {
        const current = await page.locator('#content-text').inputValue();
        const longer = `${current.trimEnd()}\n\nP.S. I use Go daily.`;
        await page.locator('#content-text').fill(longer);
        await page.getByTestId('save-version').click();
        await page.locator('[data-testid="version"][data-version="3"]').waitFor();
        const diff = page.getByTestId('diff'); // from the previous version to this one by default
        assert.equal(await diff.locator('del').count(), 0, 'nothing was removed');
        assert.equal((await diff.locator('ins').allTextContents()).join('').replace(/\[added: (.*)\]/s, '$1').trim(), 'P.S. I use Go daily.');
        // back to the edit of the test before, for the restore below (version numbers shift by one)
        await page.locator('#content-text').fill(current);
        await page.getByTestId('save-version').click();
        await page.locator('[data-testid="version"][data-version="4"]').waitFor();
    });

    it('keeps an edit not saved yet: restoring, approving and marking as sent ask to save it first', async () => {
        const saved = await page.locator('#content-text').inputValue();
        const draft = `${saved}\n\nA line typed and not saved.`;
        await page.locator('#content-text').fill(draft);
        const refusal = 'The text has changes that are not saved yet: save them as a new version first.';
        await page.locator('[data-testid="version"][data-version="1"]').getByTestId('restore').click();
        await page.getByTestId('versions-error').filter({ hasText: refusal }).waitFor();
        for (const button of ['approve', 'mark-used']) {
            await page.getByTestId(button).click();
            await page.getByTestId('content-error').filter({ hasText: refusal }).waitFor();
        }
        assert.equal(await page.locator('#content-text').inputValue(), draft, 'the edit is still there');
        assert.equal(await page.getByTestId('version').count(), 4, 'nothing was restored');
        assert.doesNotMatch(await page.locator('.subtitle').first().textContent(), /Approved|Sent/);
        // Copy text copies what the box shows
        await page.getByTestId('copy-text').click();
        await page.getByTestId('flash').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), draft);
        await page.locator('#content-text').fill(saved); // undone: the buttons work again
    });

    it('restores the first version as a new one and approves it', async () => {
        await page.locator('[data-testid="version"][data-version="1"]').getByTestId('restore').click();
        await page.getByTestId('flash').filter({ hasText: 'Version 1 restored as version 5.' }).waitFor();
        assert.equal(await page.locator('#content-text').inputValue(), original);
        assert.equal(await page.getByTestId('version').count(), 5);
        await page.locator('#diff-from').selectOption('1');
        await page.locator('#diff-to').selectOption('5');
        assert.match(await page.getByTestId('diff').textContent(), /These two versions are the same/);
        await page.getByTestId('approve').click();
        await page.getByTestId('flash').filter({ hasText: 'Approved.' }).waitFor();
        assert.match(await page.locator('.subtitle').first().textContent(), /Approved/);
        // "Mark as sent" reads "Sent" afterwards (the server calls it "used")
        await page.getByTestId('mark-used').click();
        await page.getByTestId('flash').filter({ hasText: 'Marked as sent.' }).waitFor();
        assert.equal(await page.locator('.subtitle').first().locator('.badge').first().textContent(), 'Sent');
        await open(page, '#/writing', 'Writing');
        assert.match(await page.locator('#view').innerText(), /\bSent\b/);
        assert.doesNotMatch(await page.locator('#view').innerText(), /\bUsed\b/);
    });

    it('generates every other kind of text', async () => {
        await open(page, '#/writing', 'Writing');
        const kinds = await page.locator('#content-type option').evaluateAll((os) => os.map((o) => o.value));
        assert.equal(kinds.length, 7);
        for (const kind of kinds.filter((k) => k !== 'cover_letter')) {
            await open(page, `#/writing?job=${jobId}`, 'Writing');
            await page.locator('#content-type').selectOption(kind);
            if (kind === 'follow_up') {
                // a follow-up comes after applying: refused, in words, until the job is applied to
                await page.getByTestId('generate-submit').click();
                await page.getByTestId('generate-error').filter({ hasText: /follow-up comes after applying/ }).waitFor();
                await call(user.token, 'POST', '/applications', { job_id: jobId, status: 'applied' });
            }
            await page.getByTestId('generate-submit').click();
            await page.waitForURL(/#\/writing\/\d+$/);
            await page.getByTestId('generator').waitFor();
            assert.ok((await page.locator('#content-text').inputValue()).length > 20, `${kind} has text`);
        }
        await open(page, '#/writing', 'Writing');
        assert.equal(await page.getByTestId('content-item').count(), 7);
        assertNoProblems(page);
    });
});
