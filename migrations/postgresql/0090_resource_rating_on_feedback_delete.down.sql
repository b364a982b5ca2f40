-- The ratings stay as they are (derived values, right either way).
DROP TRIGGER resource_feedback_rerate ON resource_feedback;
DROP FUNCTION resource_feedback_rerate();
