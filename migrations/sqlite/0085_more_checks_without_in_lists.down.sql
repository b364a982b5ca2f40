-- Migration 0085 down: the IN lists of the CHECK constraints back in the 18 tables' text, in
-- place and byte for byte as migrations 0001-0084 wrote them (see the up script).
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
    '(experience_level = ''entry'' OR experience_level = ''junior'' OR experience_level = ''mid'' OR experience_level = ''senior'' OR experience_level = ''lead'' OR experience_level = ''executive'')',
    'experience_level IN (''entry'', ''junior'', ''mid'', ''senior'', ''lead'', ''executive'')')
WHERE type = 'table' AND name = 'users';
UPDATE sqlite_master SET sql = replace(replace(sql,
    '(status = ''interested'' OR status = ''applied'' OR status = ''phone_screen'' OR status = ''interview'' OR status = ''technical'' OR status = ''offer'' OR status = ''accepted'' OR status = ''declined'' OR status = ''rejected'' OR status = ''withdrawn'' OR status = ''ghosted'')',
    'status IN (''interested'', ''applied'', ''phone_screen'', ''interview'', ''technical'',
                          ''offer'', ''accepted'', ''declined'', ''rejected'', ''withdrawn'', ''ghosted'')'),
    '(previous_status = ''interested'' OR previous_status = ''applied'' OR previous_status = ''phone_screen'' OR previous_status = ''interview'' OR previous_status = ''technical'' OR previous_status = ''offer'')',
    'previous_status IN (''interested'', ''applied'', ''phone_screen'', ''interview'', ''technical'',
                               ''offer'')')
WHERE type = 'table' AND name = 'applications';
UPDATE sqlite_master SET sql = replace(sql,
    '(type = ''application_summary'' OR type = ''funnel'' OR type = ''response_rate'' OR type = ''weekly_activity'' OR type = ''goal_progress'' OR type = ''source_effectiveness'' OR type = ''skill_demand'' OR type = ''salary_insights'')',
    'type IN (''application_summary'', ''funnel'', ''response_rate'', ''weekly_activity'',
                        ''goal_progress'', ''source_effectiveness'', ''skill_demand'', ''salary_insights'')')
WHERE type = 'table' AND name = 'analytics';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    '(type = ''bug_report'' OR type = ''feature_request'' OR type = ''improvement'' OR type = ''general'' OR type = ''job_recommendation'' OR type = ''skill_gap_suggestion'' OR type = ''content_generation'' OR type = ''interview_practice'')',
    'type IN (''bug_report'', ''feature_request'', ''improvement'', ''general'',
                        ''job_recommendation'', ''skill_gap_suggestion'', ''content_generation'',
                        ''interview_practice'')'),
    '(priority = ''low'' OR priority = ''medium'' OR priority = ''high'' OR priority = ''critical'')',
    'priority IN (''low'', ''medium'', ''high'', ''critical'')'),
    '(status = ''open'' OR status = ''in_review'' OR status = ''planned'' OR status = ''in_progress'' OR status = ''resolved'' OR status = ''closed'')',
    'status IN (''open'', ''in_review'', ''planned'', ''in_progress'', ''resolved'', ''closed'')')
WHERE type = 'table' AND name = 'feedback';
UPDATE sqlite_master SET sql = replace(sql,
    '(reason = ''skills'' OR reason = ''seniority'' OR reason = ''salary'' OR reason = ''location'' OR reason = ''company'' OR reason = ''other'')',
    'reason IN (''skills'', ''seniority'', ''salary'', ''location'', ''company'', ''other'')')
WHERE type = 'table' AND name = 'job_recommendation_feedback';
UPDATE sqlite_master SET sql = replace(replace(sql,
    '(interview_type = ''behavioral'' OR interview_type = ''technical'' OR interview_type = ''system_design'' OR interview_type = ''case_study'' OR interview_type = ''general'')',
    'interview_type IN (''behavioral'', ''technical'', ''system_design'', ''case_study'',
                                  ''general'')'),
    '(status = ''started'' OR status = ''in_progress'' OR status = ''completed'' OR status = ''cancelled'')',
    'status IN (''started'', ''in_progress'', ''completed'', ''cancelled'')')
WHERE type = 'table' AND name = 'interview_sessions';
UPDATE sqlite_master SET sql = replace(sql,
    '(difficulty = ''easy'' OR difficulty = ''medium'' OR difficulty = ''hard'')',
    'difficulty IN (''easy'', ''medium'', ''hard'')')
WHERE type = 'table' AND name = 'interview_questions';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    '(file_type = ''pdf'' OR file_type = ''docx'' OR file_type = ''txt'' OR file_type = ''md'')',
    'file_type IN (''pdf'', ''docx'', ''txt'', ''md'')'),
    '(parsing_status = ''pending'' OR parsing_status = ''processing'' OR parsing_status = ''completed'' OR parsing_status = ''failed'')',
    'parsing_status IN (''pending'', ''processing'', ''completed'', ''failed'')'),
    '(extracted_experience = ''entry'' OR extracted_experience = ''junior'' OR extracted_experience = ''mid'' OR extracted_experience = ''senior'' OR extracted_experience = ''lead'' OR extracted_experience = ''executive'')',
    'extracted_experience IN (''entry'', ''junior'', ''mid'', ''senior'', ''lead'', ''executive'')')
WHERE type = 'table' AND name = 'resume_uploads';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
    '(content_type = ''cover_letter'' OR content_type = ''resume_summary'' OR content_type = ''resume_tailoring'' OR content_type = ''email_template'' OR content_type = ''linkedin_message'' OR content_type = ''thank_you_note'' OR content_type = ''follow_up'')',
    'content_type IN (''cover_letter'', ''resume_summary'', ''resume_tailoring'',
                                ''email_template'', ''linkedin_message'', ''thank_you_note'',
                                ''follow_up'')'),
    '(tone = ''professional'' OR tone = ''casual'' OR tone = ''enthusiastic'' OR tone = ''friendly'' OR tone = ''concise'')',
    'tone IN (''professional'', ''casual'', ''enthusiastic'', ''friendly'', ''concise'')'),
    '(status = ''generated'' OR status = ''modified'' OR status = ''approved'' OR status = ''used'')',
    'status IN (''generated'', ''modified'', ''approved'', ''used'')')
WHERE type = 'table' AND name = 'content_generations';
UPDATE sqlite_master SET sql = replace(replace(sql,
    '(type = ''course'' OR type = ''article'' OR type = ''video'' OR type = ''book'' OR type = ''tutorial'' OR type = ''certification'' OR type = ''tool'' OR type = ''podcast'')',
    'type IN (''course'', ''article'', ''video'', ''book'', ''tutorial'', ''certification'', ''tool'',
                        ''podcast'')'),
    '(difficulty = ''beginner'' OR difficulty = ''intermediate'' OR difficulty = ''advanced'')',
    'difficulty IN (''beginner'', ''intermediate'', ''advanced'')')
WHERE type = 'table' AND name = 'career_resources';
UPDATE sqlite_master SET sql = replace(replace(sql,
    '(priority = ''low'' OR priority = ''medium'' OR priority = ''high'')',
    'priority IN (''low'', ''medium'', ''high'')'),
    '(status = ''to_learn'' OR status = ''in_progress'' OR status = ''completed'' OR status = ''archived'')',
    'status IN (''to_learn'', ''in_progress'', ''completed'', ''archived'')')
WHERE type = 'table' AND name = 'resource_bookmarks';
UPDATE sqlite_master SET sql = replace(sql,
    '(source = ''search'' OR source = ''recommendation'' OR source = ''bookmark'' OR source = ''learning_path'')',
    'source IN (''search'', ''recommendation'', ''bookmark'', ''learning_path'')')
WHERE type = 'table' AND name = 'resource_views';
UPDATE sqlite_master SET sql = replace(sql,
    '(difficulty = ''beginner'' OR difficulty = ''intermediate'' OR difficulty = ''advanced'')',
    'difficulty IN (''beginner'', ''intermediate'', ''advanced'')')
WHERE type = 'table' AND name = 'learning_paths';
UPDATE sqlite_master SET sql = replace(sql,
    '(status = ''active'' OR status = ''paused'' OR status = ''completed'' OR status = ''abandoned'')',
    'status IN (''active'', ''paused'', ''completed'', ''abandoned'')')
WHERE type = 'table' AND name = 'learning_path_enrollments';
UPDATE sqlite_master SET sql = replace(sql,
    '(kind = ''greenhouse'' OR kind = ''lever'' OR kind = ''ashby'' OR kind = ''rss'')',
    'kind IN (''greenhouse'', ''lever'', ''ashby'', ''rss'')')
WHERE type = 'table' AND name = 'job_sources';
UPDATE sqlite_master SET sql = replace(sql,
    '(started_by = ''manual'' OR started_by = ''schedule'' OR started_by = ''command'')',
    'started_by IN (''manual'', ''schedule'', ''command'')')
WHERE type = 'table' AND name = 'job_source_runs';
UPDATE sqlite_master SET sql = replace(sql,
    '(relation = ''recruiter'' OR relation = ''hiring_manager'' OR relation = ''interviewer'' OR relation = ''referrer'' OR relation = ''other'')',
    'relation IN (''recruiter'', ''hiring_manager'', ''interviewer'', ''referrer'', ''other'')')
WHERE type = 'table' AND name = 'application_contacts';
UPDATE sqlite_master SET sql = replace(sql,
    '(priority = ''low'' OR priority = ''normal'' OR priority = ''high'')',
    'priority IN (''low'', ''normal'', ''high'')')
WHERE type = 'table' AND name = 'tasks';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_0085_schema_cookie (x);
DROP TABLE migration_0085_schema_cookie;
