DROP TABLE job_source_runs;
DROP TABLE job_sources;
