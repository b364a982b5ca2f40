-- Migration 0091 undone: the vectors of the text as typed (to_tsvector('simple', ...) alone),
-- jobs_search and its words written again from them, the folding functions gone.
DROP TRIGGER jobs_search_update ON jobs;
ALTER TABLE jobs DROP COLUMN search_vector;
ALTER TABLE jobs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    coalesce(title, '') || ' ' || coalesce(company, '') || ' ' ||
    coalesce(description, '') || ' ' || coalesce(requirements, ''))) STORED;
CREATE TRIGGER jobs_search_update AFTER UPDATE OF user_id, title, company, description,
    requirements, created_at ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.search_vector IS DISTINCT FROM NEW.search_vector
          OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION jobs_search_update();

DROP INDEX jobs_search_vector_idx;
ALTER TABLE jobs_search DISABLE TRIGGER jobs_search_check;
TRUNCATE jobs_search, jobs_search_lexemes;
INSERT INTO jobs_search (job_id, user_id, search_vector, created_at)
SELECT id, user_id, search_vector, created_at FROM jobs;
INSERT INTO jobs_search_lexemes (lexeme)
SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM jobs_search;
ALTER TABLE jobs_search ENABLE TRIGGER jobs_search_check;
CREATE INDEX jobs_search_vector_idx ON jobs_search USING gin (search_vector);

ALTER TABLE contacts DROP COLUMN search_vector;
ALTER TABLE contacts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' ||
    coalesce(role, '') || ' ' || coalesce(notes, ''))) STORED;
CREATE INDEX contacts_search_vector_idx ON contacts USING gin (search_vector);

ALTER TABLE tasks DROP COLUMN search_vector;
ALTER TABLE tasks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    coalesce(title, '') || ' ' || coalesce(notes, ''))) STORED;
CREATE INDEX tasks_search_vector_idx ON tasks USING gin (search_vector);

DROP FUNCTION copilot_search_query(text);
DROP FUNCTION copilot_search_text(text);
