-- A job created without a source was added by hand: POST /jobs now stores source 'manual' when
-- the body names none (src/model/job.c), and the jobs created before are given it too, so
-- /analytics/sources reports them as "manual" rather than "unknown" (issue 13). A source set
-- to null on purpose later still reads "unknown".
UPDATE jobs SET source = 'manual' WHERE source IS NULL;
