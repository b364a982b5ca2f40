// Interview practice: from a job's page, start a session, answer question by question seeing
// each score and advice, finish with the overall result, find it in the history; a session by
// kind alone can be finished early; one with under half answered shows no rating.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, call, checkA11y, launch, newPage, open, registerApi, signIn } from './helpers.mjs';

const ANSWER = 'In my last project I used PostgreSQL indexes to cut a slow report from 40 seconds to 2. '
    + 'First I measured with EXPLAIN ANALYZE, then added a composite index, because the query filtered on two columns. '
    + 'The trade-off is slower writes, which was fine for us. For example, the nightly import grew by 5 percent.';

describe('interview practice', () => {
    let browser, page, user, jobId, sessionId;

    before(async () => {
        browser = await launch();
        page = await newPage(browser);
        user = await registerApi('practice');
        jobId = (await call(user.token, 'POST', '/jobs', { company: 'Hooli', title: 'Database Engineer', tech_stack: ['PostgreSQL', 'SQL'] })).id;
        await signIn(page, user.token, `#/jobs/${jobId}`);
    });
    after(async () => {
        await browser?.close();
    });

    it('starts a session for a job', async () => {
        await open(page, `#/jobs/${jobId}`, 'Database Engineer');
        await page.getByTestId('practise-interview').click();
        await page.getByRole('heading', { level: 1, name: 'Interview practice' }).waitFor();
        await page.getByTestId('interviews-empty').waitFor();
        assert.equal(await page.locator('#interview-job').inputValue(), String(jobId));
        await checkA11y(page, 'interview practice');
        // a negative count is refused with the range, not as "not a whole number"
        await page.locator('#interview-count').fill('-1');
        await page.getByTestId('start-submit').click();
        await page.getByTestId('start-error').filter({ hasText: 'Number of questions must be between 1 and 20.' }).waitFor();
        await page.locator('#interview-count').fill('3');
        await page.getByTestId('start-submit').click();
        await page.waitForURL(/#\/interviews\/\d+$/);
        sessionId = Number(page.url().match(/(\d+)$/)[1]);
        await page.getByTestId('question-text').waitFor();
        assert.equal(await page.getByTestId('question-position').first().textContent().then((t) => t.startsWith('Question 1 of 3')), true);
        await checkA11y(page, 'a question');
    });

    it('answers every question and sees each score and advice', async () => {
        for (let n = 1; n <= 3; n++) {
            assert.match(await page.getByTestId('question-position').textContent(), new RegExp(`^Question ${n} of 3`));
            await page.locator('#answer-text').fill(ANSWER);
            await page.getByTestId('answer-submit').click();
            const feedback = page.getByTestId('answer-feedback');
            await feedback.waitFor();
            assert.match(await page.getByTestId('answer-score').textContent(), /^\d+ \/ 100$/);
            assert.match(await feedback.textContent(), /What worked|To improve/);
            assert.doesNotMatch(await feedback.textContent(), /keywords\.missing|key_points\./);
            assert.match(await feedback.textContent(), /Key points (to make|you made)/);
            // the list of questions below follows: this one has its score now
            assert.match(await page.getByTestId('question-list').locator('li').nth(n - 1).textContent(), /\(score \d+ \/ 100\)$/);
            if (n < 3) await page.getByTestId('next-question').click();
        }
        await checkA11y(page, 'answer feedback');
    });

    it('finishes with the overall result, kept in the history', async () => {
        await page.getByTestId('finish-last').click();
        await page.getByTestId('session-result').waitFor();
        assert.match(await page.getByTestId('session-score').textContent(), /^\d+ \/ 100$/);
        assert.match(await page.getByTestId('session-summary').textContent(), /You answered 3 of 3 questions/);
        assert.equal(await page.getByTestId('answer-review').count(), 3);
        await checkA11y(page, 'session result');
        const session = await call(user.token, 'GET', `/interviews/${sessionId}`);
        assert.equal(session.status, 'completed');
        await open(page, '#/interviews', 'Interview practice');
        assert.match(await page.getByTestId('session-item').first().textContent(), /Completed.*score \d+ \/ 100/);
    });

    it('practises by kind alone and can finish early', async () => {
        await page.locator('#interview-type').selectOption('behavioral');
        await page.locator('#interview-job').selectOption('');
        await page.locator('#interview-count').fill('2');
        await page.getByTestId('start-submit').click();
        await page.waitForURL(/#\/interviews\/\d+$/);
        await page.getByRole('heading', { level: 1, name: 'Behavioral interview' }).waitFor();
        // an answer typed and not submitted: Finish asks first, and Cancel keeps it
        await page.locator('#answer-text').fill('I would first listen to both sides.');
        await page.getByTestId('finish').click();
        const dialog = page.getByTestId('confirm-dialog');
        await dialog.filter({ hasText: 'has not been submitted, so it is not scored' }).waitFor();
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        assert.equal(await page.locator('#answer-text').inputValue(), 'I would first listen to both sides.');
        assert.equal(await page.getByTestId('session-result').count(), 0);
        await page.getByTestId('finish').click();
        await dialog.getByRole('button', { name: 'Finish', exact: true }).click();
        await page.getByTestId('session-result').waitFor();
        assert.match(await page.getByTestId('session-summary').textContent(), /No question was answered/);
        // 0 / 100 "Not answered" is not shown in a success's green
        const level = page.getByTestId('session-result').locator('.badge');
        assert.equal(await level.textContent(), 'Not answered');
        assert.doesNotMatch(await level.getAttribute('class'), /status-completed/);
        assertNoProblems(page);
    });

    it('says "1 question", not "1 questions"', async () => {
        await open(page, '#/interviews', 'Interview practice');
        await page.locator('#interview-type').selectOption('technical');
        await page.locator('#interview-job').selectOption(String(jobId));
        await page.locator('#interview-count').fill('1');
        await page.getByTestId('start-submit').click();
        await page.getByTestId('flash').filter({ hasText: '1 question ready. Take your time.' }).waitFor();
        // a technical question's topic in words ("SQL", "Language: JavaScript"), never the bank's
        // raw name ("Sql", "JAVASCRIPT", "ci_cd")
        assert.doesNotMatch(await page.getByTestId('question-position').textContent(), /\bSql\b|[A-Z]{4,}|language:|_/);
        assert.match(await page.locator('.subtitle').first().textContent(), /\b1 question\b(?!s)/);
        await page.locator('#answer-text').fill(ANSWER);
        await page.getByTestId('answer-submit').click();
        await page.getByTestId('finish-last').click();
        assert.match(await page.getByTestId('session-summary').textContent(), /^You answered 1 of 1 question with/);
        await open(page, '#/interviews', 'Interview practice');
        assert.match(await page.getByTestId('session-item').first().textContent(), /(?<!\d)1 question ·/);
    });

    it('rates no session of which under half was answered', async () => {
        const s = await call(user.token, 'POST', '/interviews', { interview_type: 'technical', job_id: jobId, total_questions: 4 });
        await call(user.token, 'POST', `/interviews/${s.id}/questions/1/answer`, { answer: ANSWER });
        await call(user.token, 'POST', `/interviews/${s.id}/complete`);
        await open(page, `#/interviews/${s.id}`, 'Technical interview');
        await page.getByTestId('session-result').waitFor();
        const level = page.getByTestId('session-result').locator('.badge');
        assert.equal(await level.textContent(), '1 of 4 answered');
        assert.doesNotMatch(await level.getAttribute('class'), /status-completed/);
        assert.match(await page.getByTestId('session-summary').textContent(), /^You answered 1 of 4 questions, too few for an overall rating/);
        assert.equal(await page.getByTestId('session-result').getByRole('progressbar').getAttribute('aria-label'), 'Average score of the answered questions');
        await open(page, '#/interviews', 'Interview practice');
        assert.match(await page.getByTestId('session-item').first().textContent(), /score \d+(\.\d)? \/ 100 \(1 of 4 answered\)/);
        assertNoProblems(page);
    });
});
