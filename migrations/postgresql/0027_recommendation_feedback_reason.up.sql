-- Feedback on a recommendation may say why (issue 13): the factor the user judged, so learning
-- adjusts that factor rather than the job's skills (src/model/recommendation.c). NULL: no reason.
ALTER TABLE job_recommendation_feedback ADD COLUMN reason text
    CONSTRAINT job_recommendation_feedback_reason_check
    CHECK (reason IN ('skills', 'seniority', 'salary', 'location', 'company', 'other'));
