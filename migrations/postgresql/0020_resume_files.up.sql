-- Uploaded résumé files live in the database (SPEC part E, "Several servers, one database"):
-- one row of bytes per résumé, deleted with it. The bytes must be as long as the résumé's
-- recorded file_size. Files an older version kept under COPILOT_DATA_DIR/uploads are moved in
-- by the server at start (src/model/resume_file.c).
CREATE TABLE resume_files (
    resume_id bigint PRIMARY KEY
        CONSTRAINT resume_files_resume_id_fkey REFERENCES resume_uploads (id) ON DELETE CASCADE,
    data bytea NOT NULL
);
CREATE FUNCTION resume_files_check_size() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM resume_uploads
               WHERE id = NEW.resume_id AND file_size <> octet_length(NEW.data)) THEN
        RAISE EXCEPTION 'the file must hold resume_uploads.file_size bytes'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'resume_files_size_check',
                  TABLE = 'resume_files';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER resume_files_size_check BEFORE INSERT OR UPDATE ON resume_files
    FOR EACH ROW EXECUTE FUNCTION resume_files_check_size();
