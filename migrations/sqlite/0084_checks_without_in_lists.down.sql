-- Migration 0084 down: the IN lists of 0001, 0035 and 0078 back in the CHECK constraints of
-- jobs, job_value_counts and activity_days, in place as the up script changed them.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(replace(replace(replace(sql,
    '(job_type = ''full-time'' OR job_type = ''part-time'' OR job_type = ''contract'' OR job_type = ''internship'' OR job_type = ''temporary'' OR job_type = ''freelance'')',
    'job_type IN (''full-time'', ''part-time'', ''contract'', ''internship'', ''temporary'',
                            ''freelance'')'),
    '(remote_option = ''onsite'' OR remote_option = ''hybrid'' OR remote_option = ''remote'')',
    'remote_option IN (''onsite'', ''hybrid'', ''remote'')'),
    '(source = ''manual'' OR source = ''import'' OR source = ''linkedin'' OR source = ''indeed'' OR source = ''adzuna'' OR source = ''rss'' OR source = ''api'' OR source = ''other'')',
    'source IN (''manual'', ''import'', ''linkedin'', ''indeed'', ''adzuna'', ''rss'', ''api'', ''other'')'),
    '(status = ''not_applied'' OR status = ''interested'' OR status = ''applied'' OR status = ''phone_screen'' OR status = ''interview'' OR status = ''technical'' OR status = ''offer'' OR status = ''accepted'' OR status = ''declined'' OR status = ''rejected'' OR status = ''withdrawn'' OR status = ''ghosted'' OR status = ''archived'')',
    'status IN (''not_applied'', ''interested'', ''applied'', ''phone_screen'', ''interview'',
                          ''technical'', ''offer'', ''accepted'', ''declined'', ''rejected'', ''withdrawn'',
                          ''ghosted'', ''archived'')')
WHERE type = 'table' AND name = 'jobs';
UPDATE sqlite_master SET sql = replace(sql,
    '(kind = '''' OR kind = ''status'' OR kind = ''source'' OR kind = ''job_type'' OR kind = ''remote_option'')',
    'kind IN ('''', ''status'', ''source'', ''job_type'', ''remote_option'')')
WHERE type = 'table' AND name = 'job_value_counts';
UPDATE sqlite_master SET sql = replace(sql,
    '(metric = ''applications'' OR metric = ''responses'' OR metric = ''interviews'' OR metric = ''offers'' OR metric = ''jobs'')',
    'metric IN (''applications'', ''responses'', ''interviews'', ''offers'', ''jobs'')')
WHERE type = 'table' AND name = 'activity_days';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_0084_schema_cookie (x);
DROP TABLE migration_0084_schema_cookie;
