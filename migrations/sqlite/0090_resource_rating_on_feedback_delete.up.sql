-- A resource's rating is derived from its feedback (SPEC part A, career_resources.rating). The
-- API recomputes it at each PUT /resources/{id}/feedback, but a feedback row that goes by
-- ON DELETE CASCADE (its user deleted: DELETE /users/me, DELETE /admin/users/{id}, copilot user
-- delete) left its rating in the average. This trigger recomputes it after any deletion of a
-- feedback row, with the API's expression; the UPDATE then finds the rows left stale so far.
CREATE TRIGGER resource_feedback_rerate AFTER DELETE ON resource_feedback
BEGIN
    UPDATE career_resources
    SET rating = (SELECT ROUND(AVG(f.rating), 2) FROM resource_feedback f
                  WHERE f.resource_id = OLD.resource_id)
    WHERE id = OLD.resource_id;
END;
UPDATE career_resources
SET rating = (SELECT ROUND(AVG(f.rating), 2) FROM resource_feedback f
              WHERE f.resource_id = career_resources.id)
WHERE rating IS NOT (SELECT ROUND(AVG(f.rating), 2) FROM resource_feedback f
                     WHERE f.resource_id = career_resources.id);
