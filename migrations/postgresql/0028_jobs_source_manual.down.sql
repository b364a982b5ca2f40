-- Nothing to undo: the jobs 0028 gave source 'manual' cannot be told apart from jobs created as
-- 'manual', and 'manual' is what they were. The statement keeps the script non-empty.
SELECT 1;
