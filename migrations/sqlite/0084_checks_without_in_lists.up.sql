-- Migration 0084: the CHECK constraints that a job's insert evaluates with a list of more than
-- two values (jobs' job_type, remote_option, source and status, job_value_counts' kind and
-- activity_days' metric, which the insert's triggers write) written as comparisons joined by
-- OR rather than IN (...). SQLite 3.40 evaluates `x IN (<3 or more constants>)` by building a
-- temporary B-tree of the constants (OP_OpenEphemeral: a pager opened, a table created, the
-- values inserted, all closed again) each time the constraint is checked: about 9 of them per
-- POST /jobs, 261,000 instructions of the insert's 1.01 million, all of it under the write lock
-- (docs/performance.md, "POST /jobs's CPU (thirty-first round)": callgrind, 300 inserts, the
-- insert 275.7 -> 204.6 M instructions). `x = 'a' OR x = 'b' ...` is the same constraint: true,
-- false or NULL exactly when the IN list is (NULL passes a CHECK either way), with the column's
-- affinity and collation in each comparison as in IN.
--
-- A CHECK constraint is not part of the stored rows, so the table's text is changed in place
-- (SQLite's documented procedure for such changes, https://sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes") rather than by rebuilding jobs with its
-- indexes, triggers and full-text table: writable_schema, the text replaced, then
-- writable_schema = RESET, which makes this connection read the schema again, and a table
-- created and dropped, which moves the schema cookie so that every other connection reads it
-- again too. A database whose text differs from what migrations 0001-0083 wrote keeps its IN
-- lists (replace() finds nothing), as correct as before. PostgreSQL evaluates an IN list of
-- constants without any of this: its 0084 changes nothing.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(replace(replace(replace(sql,
    'job_type IN (''full-time'', ''part-time'', ''contract'', ''internship'', ''temporary'',
                            ''freelance'')',
    '(job_type = ''full-time'' OR job_type = ''part-time'' OR job_type = ''contract'' OR job_type = ''internship'' OR job_type = ''temporary'' OR job_type = ''freelance'')'),
    'remote_option IN (''onsite'', ''hybrid'', ''remote'')',
    '(remote_option = ''onsite'' OR remote_option = ''hybrid'' OR remote_option = ''remote'')'),
    'source IN (''manual'', ''import'', ''linkedin'', ''indeed'', ''adzuna'', ''rss'', ''api'', ''other'')',
    '(source = ''manual'' OR source = ''import'' OR source = ''linkedin'' OR source = ''indeed'' OR source = ''adzuna'' OR source = ''rss'' OR source = ''api'' OR source = ''other'')'),
    'status IN (''not_applied'', ''interested'', ''applied'', ''phone_screen'', ''interview'',
                          ''technical'', ''offer'', ''accepted'', ''declined'', ''rejected'', ''withdrawn'',
                          ''ghosted'', ''archived'')',
    '(status = ''not_applied'' OR status = ''interested'' OR status = ''applied'' OR status = ''phone_screen'' OR status = ''interview'' OR status = ''technical'' OR status = ''offer'' OR status = ''accepted'' OR status = ''declined'' OR status = ''rejected'' OR status = ''withdrawn'' OR status = ''ghosted'' OR status = ''archived'')')
WHERE type = 'table' AND name = 'jobs';
UPDATE sqlite_master SET sql = replace(sql,
    'kind IN ('''', ''status'', ''source'', ''job_type'', ''remote_option'')',
    '(kind = '''' OR kind = ''status'' OR kind = ''source'' OR kind = ''job_type'' OR kind = ''remote_option'')')
WHERE type = 'table' AND name = 'job_value_counts';
UPDATE sqlite_master SET sql = replace(sql,
    'metric IN (''applications'', ''responses'', ''interviews'', ''offers'', ''jobs'')',
    '(metric = ''applications'' OR metric = ''responses'' OR metric = ''interviews'' OR metric = ''offers'' OR metric = ''jobs'')')
WHERE type = 'table' AND name = 'activity_days';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_0084_schema_cookie (x);
DROP TABLE migration_0084_schema_cookie;
