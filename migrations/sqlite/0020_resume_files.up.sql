-- Uploaded résumé files live in the database (SPEC part E, "Several servers, one database"):
-- one row of bytes per résumé, deleted with it. The bytes must be as long as the résumé's
-- recorded file_size. Files an older version kept under COPILOT_DATA_DIR/uploads are moved in
-- by the server at start (src/model/resume_file.c).
CREATE TABLE resume_files (
    resume_id INTEGER PRIMARY KEY
        REFERENCES resume_uploads (id) ON DELETE CASCADE,
    data BLOB NOT NULL CHECK (typeof(data) = 'blob')
);
CREATE TRIGGER resume_files_size_insert BEFORE INSERT ON resume_files
WHEN EXISTS (SELECT 1 FROM resume_uploads
             WHERE id = new.resume_id AND file_size <> length(new.data))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: resume_files_size_check');
END;
CREATE TRIGGER resume_files_size_update BEFORE UPDATE ON resume_files
WHEN EXISTS (SELECT 1 FROM resume_uploads
             WHERE id = new.resume_id AND file_size <> length(new.data))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: resume_files_size_check');
END;
