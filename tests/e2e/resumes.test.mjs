// Résumés: upload tests/fixtures/resume.pdf with the file picker, read what was extracted,
// add its skills to the profile (seeing which are new, then which were added), drop a second
// résumé on the drop area, make it primary, download and delete.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, assertNoProblems, call, checkA11y, downloaded, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

describe('résumés', () => {
    let browser, page, user, firstId;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('cv');
        await call(user.token, 'PATCH', '/users/me', { skills: ['Python', 'Go'] });
        await signIn(page, user.token, '#/resumes');
    });
    after(async () => {
        await browser?.close();
    });

    it('starts empty, with the way to upload', async () => {
        await open(page, '#/resumes', 'Résumés');
        await page.getByTestId('resumes-empty').waitFor();
        await checkA11y(page, 'résumés, empty');
    });

    it('says a file over the limit is too big, in megabytes', async () => {
        await page.getByTestId('resume-input').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 0x41) });
        const error = page.getByTestId('upload-error');
        await error.filter({ hasText: 'The file is too big: at most 10 MB.' }).waitFor();
        assert.doesNotMatch(await error.textContent(), /bytes|10485760/);
        await page.getByTestId('resumes-empty').waitFor();
    });

    it('uploads a PDF with the file picker and shows what was read', async () => {
        await page.getByTestId('resume-input').setInputFiles(path.join(FIXTURES, 'resume.pdf'));
        await page.waitForURL(/#\/resumes\/\d+$/);
        firstId = Number(page.url().match(/(\d+)$/)[1]);
        await page.getByRole('heading', { level: 1, name: 'resume.pdf' }).waitFor();
        await page.getByTestId('flash').filter({ hasText: /Uploaded resume\.pdf: \d+ skills found/ }).waitFor();
        assert.match(await page.getByTestId('contact-card').textContent(), /Jane Q\. Doe.*jane\.doe@example\.com/);
        assert.match(await page.getByTestId('experience-card').textContent(), /Senior Software Engineer at Acme Corp/);
        // months in words like every other date ("Jan 2020 to now"), not "2020-01"
        assert.doesNotMatch(await page.getByTestId('experience-card').textContent(), /\d{4}-\d{2}/);
        assert.match(await page.getByTestId('experience-card').textContent(), /Jan 2020 to now/);
        assert.match(await page.getByTestId('education-card').textContent(), /Technical University of Berlin/);
        assert.match(await page.getByTestId('resume-skills').textContent(), /Kubernetes/);
        await checkA11y(page, 'résumé detail');
    });

    it('adds its skills to the profile, showing what changes', async () => {
        const hint = await page.getByTestId('skills-card').locator('.hint').textContent();
        assert.match(hint, /not in your profile yet: .*Kubernetes/);
        assert.doesNotMatch(hint.split('yet:')[1], /\bPython\b/, 'skills already in the profile are not offered as new');
        await page.getByTestId('apply-skills').click();
        const result = page.getByTestId('apply-result');
        await result.filter({ hasText: 'Added to your profile' }).waitFor();
        assert.match(await result.textContent(), /Kubernetes/);
        const me = await call(user.token, 'GET', '/users/me');
        assert.ok(me.skills.includes('Kubernetes') && me.skills.includes('Python'));
        assert.equal(await page.getByTestId('apply-skills').count(), 0);
        // the summary above the skills follows: none is "not in your profile yet" any more
        assert.match(await page.getByTestId('skills-summary').textContent(), /all in your profile now/);
        // the résumé's level is offered, not applied
        assert.notEqual(me.experience_level, 'senior');
        assert.match(await page.getByTestId('level-suggestion').textContent(), /reads as senior level/);
        const after = await call(user.token, 'GET', '/users/me');
        assert.equal(after.experience_level, me.experience_level);
    });

    it('takes a second résumé dropped on the drop area and makes it primary', async () => {
        await open(page, '#/resumes', 'Résumés');
        const text = readFileSync(path.join(FIXTURES, 'resume.txt'), 'utf8');
        const transfer = await page.evaluateHandle((content) => {
            const dt = new DataTransfer();
            dt.items.add(new File([content], 'resume.txt', { type: 'text/plain' }));
            return dt;
        }, text);
        await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
        await page.getByRole('heading', { level: 1, name: 'resume.txt' }).waitFor();
        await page.getByTestId('make-primary').click();
        await page.getByTestId('flash').filter({ hasText: 'primary résumé' }).waitFor();
        await page.getByTestId('make-primary').waitFor({ state: 'detached' });
        assert.equal(await page.getByTestId('make-primary').count(), 0);
        const list = await call(user.token, 'GET', '/resumes');
        assert.equal(list.items.find((r) => r.id === firstId).is_primary, false);
    });

    it('downloads and deletes a résumé', async () => {
        await open(page, `#/resumes/${firstId}`, 'resume.pdf');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-resume').click()]);
        assert.equal((await downloaded(download)).subarray(0, 4).toString(), '%PDF');
        await page.getByTestId('delete-resume').click();
        await page.getByTestId('confirm-ok').click();
        await page.waitForURL(/#\/resumes$/);
        await page.getByTestId('resume').first().waitFor();
        assert.equal(await page.getByTestId('resume').count(), 1);
        assertNoProblems(page);
    });
});
