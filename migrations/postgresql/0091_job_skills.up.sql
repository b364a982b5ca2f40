-- The skills the core finds in each job's text, kept on write (docs/performance.md, "Job skills
-- kept on write (thirty-sixth round)"): asked, the keys skills_find_asked finds in the job's
-- requirements, and in_title, the keys skills_find_in_text finds in its title, each a JSON array
-- of dictionary keys in the finder's order; version, the skills version they were found with
-- (skills_version: the finder's code and the dictionary). The tech stack is not kept here: the
-- job's row holds its names, which the ranking resolves through its memo. A reader uses a row only
-- when its version is the server's, and reads the job's text otherwise (no row, an old one).
-- The server writes a row with every write of a job's title or requirements (POST/PUT/PATCH
-- /jobs, the import, capture, discovery, seed); any other change of either (raw SQL) deletes the
-- row (the trigger below), so a row never describes other text than the job's.
CREATE TABLE job_skills (
    job_id bigint PRIMARY KEY
        CONSTRAINT job_skills_job_id_fkey REFERENCES jobs (id) ON DELETE CASCADE,
    version bigint NOT NULL,
    asked text NOT NULL,
    in_title text NOT NULL
);
-- The version the rows were last brought to at a start (one row, id 1): a start whose skills
-- version differs finds every job again.
CREATE TABLE job_skills_state (
    id integer PRIMARY KEY CONSTRAINT job_skills_state_id_check CHECK (id = 1),
    version bigint NOT NULL
);
CREATE FUNCTION job_skills_text_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_skills WHERE job_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER job_skills_text_change AFTER UPDATE OF title, requirements ON jobs
    FOR EACH ROW
    WHEN (NEW.title IS DISTINCT FROM OLD.title OR NEW.requirements IS DISTINCT FROM OLD.requirements)
    EXECUTE FUNCTION job_skills_text_change();
