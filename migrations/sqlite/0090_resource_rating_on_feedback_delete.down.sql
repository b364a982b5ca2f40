-- The ratings stay as they are (derived values, right either way).
DROP TRIGGER resource_feedback_rerate;
