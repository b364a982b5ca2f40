-- Migration 0085: the other CHECK constraints with a list of more than two values, written as
-- comparisons joined by OR as 0084 wrote those a job's insert evaluates: 28 lists on 18 tables
-- (users' experience_level; applications' status and previous_status; analytics' type;
-- feedback's type, priority and status; job_recommendation_feedback's reason;
-- interview_sessions' interview_type and status; interview_questions' difficulty;
-- resume_uploads' file_type, parsing_status and extracted_experience; content_generations'
-- content_type, tone and status; career_resources' type and difficulty; resource_bookmarks'
-- priority and status; resource_views' source; learning_paths' difficulty;
-- learning_path_enrollments' status; job_sources' kind; job_source_runs' started_by;
-- application_contacts' relation; tasks' priority). SQLite 3.40 builds a temporary B-tree of an
-- IN list's constants (OP_OpenEphemeral) each time it checks `x IN (<3 or more constants>)`,
-- on every insert and on every update of the column (docs/performance.md, "The other tables'
-- CHECK lists (thirty-second round)"). `x = 'a' OR x = 'b' ...` is the same constraint: true,
-- false or NULL exactly when the IN list is (NULL passes a CHECK either way), with the column's
-- affinity and collation in each comparison as in IN; the constraints keep their names. Lists
-- of one or two values (is_admin IN (0, 1), application_date_counts' kind...) stay: SQLite
-- compares those without a B-tree already.
--
-- The same procedure as 0084 (SQLite's documented one for changes that do not touch the stored
-- rows, https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
-- Changes"): writable_schema, each table's text replaced where migrations 0001-0084 wrote the
-- list, writable_schema = RESET to make this connection read the schema again, and a table
-- created and dropped to move the schema cookie for every other connection. A table whose text
-- differs keeps its IN list (replace() finds nothing), as correct as before. PostgreSQL
-- evaluates an IN list of constants without any of this: its 0085 changes nothing.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
    'experience_level IN (''entry'', ''junior'', ''mid'', ''senior'', ''lead'', ''executive'')',
    '(experience_level = ''entry'' OR experience_level = ''junior'' OR experience_level = ''mid'' OR experience_level = ''senior'' OR experience_level = ''lead'' OR experience_level = ''executive'')')
WHERE type = 'table' AND name = 'users';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'status IN (''interested'', ''applied'', ''phone_screen'', ''interview'', ''technical'',
                          ''offer'', ''accepted'', ''declined'', ''rejected'', ''withdrawn'', ''ghosted'')',
    '(status = ''interested'' OR status = ''applied'' OR status = ''phone_screen'' OR status = ''interview'' OR status = ''technical'' OR status = ''offer'' OR status = ''accepted'' OR status = ''declined'' OR status = ''rejected'' OR status = ''withdrawn'' OR status = ''ghosted'')'),
    'previous_status IN (''interested'', ''applied'', ''phone_screen'', ''interview'', ''technical'',
                               ''offer'')',
    '(previous_status = ''interested'' OR previous_status = ''applied'' OR previous_status = ''phone_screen'' OR previous_status = ''interview'' OR previous_status = ''technical'' OR previous_status = ''offer'')')
WHERE type = 'table' AND name = 'applications';
UPDATE sqlite_master SET sql = replace(sql,
    'type IN (''application_summary'', ''funnel'', ''response_rate'', ''weekly_activity'',
                        ''goal_progress'', ''source_effectiveness'', ''skill_demand'', ''salary_insights'')',
    '(type = ''application_summary'' OR type = ''funnel'' OR type = ''response_rate'' OR type = ''weekly_activity'' OR type = ''goal_progress'' OR type = ''source_effectiveness'' OR type = ''skill_demand'' OR type = ''salary_insights'')')
WHERE type = 'table' AND name = 'analytics';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    'type IN (''bug_report'', ''feature_request'', ''improvement'', ''general'',
                        ''job_recommendation'', ''skill_gap_suggestion'', ''content_generation'',
                        ''interview_practice'')',
    '(type = ''bug_report'' OR type = ''feature_request'' OR type = ''improvement'' OR type = ''general'' OR type = ''job_recommendation'' OR type = ''skill_gap_suggestion'' OR type = ''content_generation'' OR type = ''interview_practice'')'),
    'priority IN (''low'', ''medium'', ''high'', ''critical'')',
    '(priority = ''low'' OR priority = ''medium'' OR priority = ''high'' OR priority = ''critical'')'),
    'status IN (''open'', ''in_review'', ''planned'', ''in_progress'', ''resolved'', ''closed'')',
    '(status = ''open'' OR status = ''in_review'' OR status = ''planned'' OR status = ''in_progress'' OR status = ''resolved'' OR status = ''closed'')')
WHERE type = 'table' AND name = 'feedback';
UPDATE sqlite_master SET sql = replace(sql,
    'reason IN (''skills'', ''seniority'', ''salary'', ''location'', ''company'', ''other'')',
    '(reason = ''skills'' OR reason = ''seniority'' OR reason = ''salary'' OR reason = ''location'' OR reason = ''company'' OR reason = ''other'')')
WHERE type = 'table' AND name = 'job_recommendation_feedback';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'interview_type IN (''behavioral'', ''technical'', ''system_design'', ''case_study'',
                                  ''general'')',
    '(interview_type = ''behavioral'' OR interview_type = ''technical'' OR interview_type = ''system_design'' OR interview_type = ''case_study'' OR interview_type = ''general'')'),
    'status IN (''started'', ''in_progress'', ''completed'', ''cancelled'')',
    '(status = ''started'' OR status = ''in_progress'' OR status = ''completed'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'interview_sessions';
UPDATE sqlite_master SET sql = replace(sql,
    'difficulty IN (''easy'', ''medium'', ''hard'')',
    '(difficulty = ''easy'' OR difficulty = ''medium'' OR difficulty = ''hard'')')
WHERE type = 'table' AND name = 'interview_questions';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    'file_type IN (''pdf'', ''docx'', ''txt'', ''md'')',
    '(file_type = ''pdf'' OR file_type = ''docx'' OR file_type = ''txt'' OR file_type = ''md'')'),
    'parsing_status IN (''pending'', ''processing'', ''completed'', ''failed'')',
    '(parsing_status = ''pending'' OR parsing_status = ''processing'' OR parsing_status = ''completed'' OR parsing_status = ''failed'')'),
    'extracted_experience IN (''entry'', ''junior'', ''mid'', ''senior'', ''lead'', ''executive'')',
    '(extracted_experience = ''entry'' OR extracted_experience = ''junior'' OR extracted_experience = ''mid'' OR extracted_experience = ''senior'' OR extracted_experience = ''lead'' OR extracted_experience = ''executive'')')
WHERE type = 'table' AND name = 'resume_uploads';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    'content_type IN (''cover_letter'', ''resume_summary'', ''resume_tailoring'',
                                ''email_template'', ''linkedin_message'', ''thank_you_note'',
                                ''follow_up'')',
    '(content_type = ''cover_letter'' OR content_type = ''resume_summary'' OR content_type = ''resume_tailoring'' OR content_type = ''email_template'' OR content_type = ''linkedin_message'' OR content_type = ''thank_you_note'' OR content_type = ''follow_up'')'),
    'tone IN (''professional'', ''casual'', ''enthusiastic'', ''friendly'', ''concise'')',
    '(tone = ''professional'' OR tone = ''casual'' OR tone = ''enthusiastic'' OR tone = ''friendly'' OR tone = ''concise'')'),
    'status IN (''generated'', ''modified'', ''approved'', ''used'')',
    '(status = ''generated'' OR status = ''modified'' OR status = ''approved'' OR status = ''used'')')
WHERE type = 'table' AND name = 'content_generations';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'type IN (''course'', ''article'', ''video'', ''book'', ''tutorial'', ''certification'', ''tool'',
                        ''podcast'')',
    '(type = ''course'' OR type = ''article'' OR type = ''video'' OR type = ''book'' OR type = ''tutorial'' OR type = ''certification'' OR type = ''tool'' OR type = ''podcast'')'),
    'difficulty IN (''beginner'', ''intermediate'', ''advanced'')',
    '(difficulty = ''beginner'' OR difficulty = ''intermediate'' OR difficulty = ''advanced'')')
WHERE type = 'table' AND name = 'career_resources';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'priority IN (''low'', ''medium'', ''high'')',
    '(priority = ''low'' OR priority = ''medium'' OR priority = ''high'')'),
    'status IN (''to_learn'', ''in_progress'', ''completed'', ''archived'')',
    '(status = ''to_learn'' OR status = ''in_progress'' OR status = ''completed'' OR status = ''archived'')')
WHERE type = 'table' AND name = 'resource_bookmarks';
UPDATE sqlite_master SET sql = replace(sql,
    'source IN (''search'', ''recommendation'', ''bookmark'', ''learning_path'')',
    '(source = ''search'' OR source = ''recommendation'' OR source = ''bookmark'' OR source = ''learning_path'')')
WHERE type = 'table' AND name = 'resource_views';
UPDATE sqlite_master SET sql = replace(sql,
    'difficulty IN (''beginner'', ''intermediate'', ''advanced'')',
    '(difficulty = ''beginner'' OR difficulty = ''intermediate'' OR difficulty = ''advanced'')')
WHERE type = 'table' AND name = 'learning_paths';
UPDATE sqlite_master SET sql = replace(sql,
    'status IN (''active'', ''paused'', ''completed'', ''abandoned'')',
    '(status = ''active'' OR status = ''paused'' OR status = ''completed'' OR status = ''abandoned'')')
WHERE type = 'table' AND name = 'learning_path_enrollments';
UPDATE sqlite_master SET sql = replace(sql,
    'kind IN (''greenhouse'', ''lever'', ''ashby'', ''rss'')',
    '(kind = ''greenhouse'' OR kind = ''lever'' OR kind = ''ashby'' OR kind = ''rss'')')
WHERE type = 'table' AND name = 'job_sources';
UPDATE sqlite_master SET sql = replace(sql,
    'started_by IN (''manual'', ''schedule'', ''command'')',
    '(started_by = ''manual'' OR started_by = ''schedule'' OR started_by = ''command'')')
WHERE type = 'table' AND name = 'job_source_runs';
UPDATE sqlite_master SET sql = replace(sql,
    'relation IN (''recruiter'', ''hiring_manager'', ''interviewer'', ''referrer'', ''other'')',
    '(relation = ''recruiter'' OR relation = ''hiring_manager'' OR relation = ''interviewer'' OR relation = ''referrer'' OR relation = ''other'')')
WHERE type = 'table' AND name = 'application_contacts';
UPDATE sqlite_master SET sql = replace(sql,
    'priority IN (''low'', ''normal'', ''high'')',
    '(priority = ''low'' OR priority = ''normal'' OR priority = ''high'')')
WHERE type = 'table' AND name = 'tasks';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_0085_schema_cookie (x);
DROP TABLE migration_0085_schema_cookie;
