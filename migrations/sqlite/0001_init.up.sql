-- Migration 0001 (SQLite): the whole schema of SPEC part A.
--
-- Conventions (docs/schema.md has the full list of names):
--   * ids are INTEGER PRIMARY KEY (the rowid); foreign keys are INTEGER.
--   * timestamps are RFC 3339 UTC text "YYYY-MM-DDTHH:MM:SSZ", checked by
--     CHECK (col IS strftime('%Y-%m-%dT%H:%M:%SZ', col, '+0 days')); dates are "YYYY-MM-DD",
--     checked by CHECK (col IS date(col, '+0 days')) ('+0 days' normalises, so 2025-02-30 fails).
--   * json columns are TEXT guarded by json_valid(), plus json_type() where the spec says
--     array/object (inside CASE, because json_type() raises an error on malformed text).
--   * booleans are BOOLEAN holding 0/1 (CHECK (col IN (0, 1))).
--   * enums and value lists are CHECK (col IN (...)).
--   * constraint and index names match migrations/postgresql/0001_init.up.sql; unique rules are
--     unique indexes named <table>_<what>_key, plain indexes <table>_<what>_idx.
--   * updated_at is set by the application on every update (no triggers).
-- The migrator runs this file inside one transaction.

-- ------------------------------------------------------------------ users
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL
        CONSTRAINT users_username_check CHECK (length(username) BETWEEN 3 AND 50),
    email TEXT NOT NULL
        CONSTRAINT users_email_check CHECK (email = lower(email)),
    hashed_password TEXT,
    skills TEXT DEFAULT '[]'
        CONSTRAINT users_skills_check
        CHECK (skills IS NULL OR CASE WHEN json_valid(skills) THEN json_type(skills) = 'array' ELSE 0 END),
    preferred_locations TEXT DEFAULT '[]'
        CONSTRAINT users_preferred_locations_check
        CHECK (preferred_locations IS NULL OR CASE WHEN json_valid(preferred_locations)
               THEN json_type(preferred_locations) = 'array' ELSE 0 END),
    experience_level TEXT
        CONSTRAINT users_experience_level_check
        CHECK (experience_level IN ('entry', 'junior', 'mid', 'senior', 'lead', 'executive')),
    daily_application_goal INTEGER NOT NULL DEFAULT 10
        CONSTRAINT users_daily_application_goal_check CHECK (daily_application_goal BETWEEN 0 AND 100),
    is_admin BOOLEAN NOT NULL DEFAULT 0
        CONSTRAINT users_is_admin_check CHECK (is_admin IN (0, 1)),
    prefer_remote_jobs BOOLEAN NOT NULL DEFAULT 0
        CONSTRAINT users_prefer_remote_jobs_check CHECK (prefer_remote_jobs IN (0, 1)),
    oauth_provider TEXT,
    oauth_id TEXT,
    profile_picture_url TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT users_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT users_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_oauth_key ON users (oauth_provider, oauth_id)
    WHERE oauth_provider IS NOT NULL AND oauth_id IS NOT NULL;

-- ------------------------------------------------------------------ jobs
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT jobs_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    company TEXT NOT NULL,
    title TEXT NOT NULL,
    location TEXT,
    description TEXT,
    requirements TEXT,
    salary_range TEXT,
    salary_min INTEGER
        CONSTRAINT jobs_salary_min_check CHECK (salary_min >= 0),
    salary_max INTEGER
        CONSTRAINT jobs_salary_max_check CHECK (salary_max >= 0),
    currency TEXT
        CONSTRAINT jobs_currency_check CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    job_type TEXT
        CONSTRAINT jobs_job_type_check
        CHECK (job_type IN ('full-time', 'part-time', 'contract', 'internship', 'temporary',
                            'freelance')),
    remote_option TEXT
        CONSTRAINT jobs_remote_option_check CHECK (remote_option IN ('onsite', 'hybrid', 'remote')),
    tech_stack TEXT
        CONSTRAINT jobs_tech_stack_check
        CHECK (tech_stack IS NULL OR CASE WHEN json_valid(tech_stack)
               THEN json_type(tech_stack) = 'array' ELSE 0 END),
    responsibilities TEXT,
    documents_required TEXT
        CONSTRAINT jobs_documents_required_check
        CHECK (documents_required IS NULL OR CASE WHEN json_valid(documents_required)
               THEN json_type(documents_required) = 'array' ELSE 0 END),
    application_url TEXT,
    source_url TEXT,
    source TEXT
        CONSTRAINT jobs_source_check
        CHECK (source IN ('manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other')),
    status TEXT NOT NULL DEFAULT 'not_applied'
        CONSTRAINT jobs_status_check
        CHECK (status IN ('not_applied', 'interested', 'applied', 'phone_screen', 'interview',
                          'technical', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn',
                          'ghosted', 'archived')),
    notes TEXT,
    date_applied TEXT
        CONSTRAINT jobs_date_applied_check CHECK (date_applied IS date(date_applied, '+0 days')),
    job_fingerprint TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT jobs_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT jobs_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days')),
    CONSTRAINT jobs_salary_range_check CHECK (salary_min <= salary_max)
);
CREATE INDEX jobs_company_idx ON jobs (company);
CREATE INDEX jobs_title_idx ON jobs (title);
CREATE INDEX jobs_status_idx ON jobs (status);
CREATE INDEX jobs_user_id_idx ON jobs (user_id);
CREATE INDEX jobs_job_fingerprint_idx ON jobs (job_fingerprint);
CREATE INDEX jobs_user_created_at_idx ON jobs (user_id, created_at);
CREATE UNIQUE INDEX jobs_user_fingerprint_key ON jobs (user_id, job_fingerprint);
-- The parent key of the composite foreign keys (job_id, user_id) -> jobs (id, user_id).
CREATE UNIQUE INDEX jobs_id_user_key ON jobs (id, user_id);

-- Full-text search over jobs: an external-content FTS5 table kept in sync by triggers.
-- The store queries it as id IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?).
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    title, company, description, requirements,
    content = 'jobs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER jobs_fts_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts (rowid, title, company, description, requirements)
    VALUES (new.id, new.title, new.company, new.description, new.requirements);
END;
CREATE TRIGGER jobs_fts_after_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements);
END;
CREATE TRIGGER jobs_fts_after_update AFTER UPDATE OF title, company, description, requirements
ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements);
    INSERT INTO jobs_fts (rowid, title, company, description, requirements)
    VALUES (new.id, new.title, new.company, new.description, new.requirements);
END;

-- ------------------------------------------------------------------ applications
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT applications_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL
        CONSTRAINT applications_job_id_fkey REFERENCES jobs (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'interested'
        CONSTRAINT applications_status_check
        CHECK (status IN ('interested', 'applied', 'phone_screen', 'interview', 'technical',
                          'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')),
    applied_date TEXT
        CONSTRAINT applications_applied_date_check CHECK (applied_date IS date(applied_date, '+0 days')),
    response_date TEXT
        CONSTRAINT applications_response_date_check
        CHECK (response_date IS date(response_date, '+0 days')),
    interview_date TEXT
        CONSTRAINT applications_interview_date_check
        CHECK (interview_date IS strftime('%Y-%m-%dT%H:%M:%SZ', interview_date, '+0 days')),
    offer_date TEXT
        CONSTRAINT applications_offer_date_check CHECK (offer_date IS date(offer_date, '+0 days')),
    follow_up_date TEXT
        CONSTRAINT applications_follow_up_date_check
        CHECK (follow_up_date IS date(follow_up_date, '+0 days')),
    notes TEXT,
    interview_feedback TEXT
        CONSTRAINT applications_interview_feedback_check
        CHECK (interview_feedback IS NULL OR CASE WHEN json_valid(interview_feedback)
               THEN json_type(interview_feedback) = 'object' ELSE 0 END),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT applications_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT applications_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days')),
    -- An application's job belongs to the same user.
    CONSTRAINT applications_job_user_fkey FOREIGN KEY (job_id, user_id)
        REFERENCES jobs (id, user_id) ON DELETE CASCADE
);
CREATE INDEX applications_user_id_idx ON applications (user_id);
CREATE INDEX applications_job_id_idx ON applications (job_id);
CREATE INDEX applications_status_idx ON applications (status);

-- ------------------------------------------------------------------ analytics
CREATE TABLE analytics (
    id INTEGER PRIMARY KEY,
    user_id INTEGER
        CONSTRAINT analytics_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    type TEXT NOT NULL
        CONSTRAINT analytics_type_check
        CHECK (type IN ('application_summary', 'funnel', 'response_rate', 'weekly_activity',
                        'goal_progress', 'source_effectiveness', 'skill_demand', 'salary_insights')),
    data TEXT NOT NULL
        CONSTRAINT analytics_data_check CHECK (json_valid(data)),
    generated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT analytics_generated_at_check
        CHECK (generated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', generated_at, '+0 days'))
);
CREATE INDEX analytics_user_type_generated_at_idx ON analytics (user_id, type, generated_at);

-- ------------------------------------------------------------------ feedback
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    user_id INTEGER
        CONSTRAINT feedback_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    type TEXT NOT NULL
        CONSTRAINT feedback_type_check
        CHECK (type IN ('bug_report', 'feature_request', 'improvement', 'general',
                        'job_recommendation', 'skill_gap_suggestion', 'content_generation',
                        'interview_practice')),
    priority TEXT NOT NULL DEFAULT 'medium'
        CONSTRAINT feedback_priority_check CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    status TEXT NOT NULL DEFAULT 'open'
        CONSTRAINT feedback_status_check
        CHECK (status IN ('open', 'in_review', 'planned', 'in_progress', 'resolved', 'closed')),
    title TEXT NOT NULL
        CONSTRAINT feedback_title_check CHECK (length(title) <= 255),
    description TEXT NOT NULL,
    page_url TEXT,
    user_agent TEXT,
    extra_data TEXT
        CONSTRAINT feedback_extra_data_check CHECK (extra_data IS NULL OR json_valid(extra_data)),
    admin_response TEXT,
    admin_notes TEXT,
    resolved_at TEXT
        CONSTRAINT feedback_resolved_at_check
        CHECK (resolved_at IS strftime('%Y-%m-%dT%H:%M:%SZ', resolved_at, '+0 days')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT feedback_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT feedback_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE INDEX feedback_user_id_idx ON feedback (user_id);
CREATE INDEX feedback_status_idx ON feedback (status);

CREATE TABLE feedback_votes (
    id INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL
        CONSTRAINT feedback_votes_feedback_id_fkey REFERENCES feedback (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL
        CONSTRAINT feedback_votes_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    vote INTEGER NOT NULL
        CONSTRAINT feedback_votes_vote_check CHECK (vote IN (-1, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT feedback_votes_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days'))
);
CREATE UNIQUE INDEX feedback_votes_feedback_user_key ON feedback_votes (feedback_id, user_id);
CREATE INDEX feedback_votes_user_id_idx ON feedback_votes (user_id);

-- ------------------------------------------------------------------ job_recommendation_feedback
CREATE TABLE job_recommendation_feedback (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT job_recommendation_feedback_user_id_fkey
        REFERENCES users (id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL
        CONSTRAINT job_recommendation_feedback_job_id_fkey
        REFERENCES jobs (id) ON DELETE CASCADE,
    is_helpful BOOLEAN NOT NULL
        CONSTRAINT job_recommendation_feedback_is_helpful_check CHECK (is_helpful IN (0, 1)),
    match_score REAL
        CONSTRAINT job_recommendation_feedback_match_score_check
        CHECK (match_score BETWEEN 0 AND 100),
    comment TEXT,
    user_skills_at_time TEXT
        CONSTRAINT job_recommendation_feedback_user_skills_at_time_check
        CHECK (user_skills_at_time IS NULL OR json_valid(user_skills_at_time)),
    job_tech_stack TEXT
        CONSTRAINT job_recommendation_feedback_job_tech_stack_check
        CHECK (job_tech_stack IS NULL OR json_valid(job_tech_stack)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_recommendation_feedback_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_recommendation_feedback_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days')),
    -- Feedback is only ever given on one's own jobs.
    CONSTRAINT job_recommendation_feedback_job_user_fkey FOREIGN KEY (job_id, user_id)
        REFERENCES jobs (id, user_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX job_recommendation_feedback_user_job_key
    ON job_recommendation_feedback (user_id, job_id);
CREATE INDEX job_recommendation_feedback_job_id_idx ON job_recommendation_feedback (job_id);

-- ------------------------------------------------------------------ interviews
CREATE TABLE interview_sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT interview_sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    job_id INTEGER
        CONSTRAINT interview_sessions_job_id_fkey REFERENCES jobs (id) ON DELETE SET NULL,
    interview_type TEXT NOT NULL
        CONSTRAINT interview_sessions_interview_type_check
        CHECK (interview_type IN ('behavioral', 'technical', 'system_design', 'case_study',
                                  'general')),
    status TEXT NOT NULL DEFAULT 'started'
        CONSTRAINT interview_sessions_status_check
        CHECK (status IN ('started', 'in_progress', 'completed', 'cancelled')),
    total_questions INTEGER
        CONSTRAINT interview_sessions_total_questions_check CHECK (total_questions >= 0),
    score REAL
        CONSTRAINT interview_sessions_score_check CHECK (score BETWEEN 0 AND 100),
    feedback TEXT
        CONSTRAINT interview_sessions_feedback_check CHECK (feedback IS NULL OR json_valid(feedback)),
    started_at TEXT
        CONSTRAINT interview_sessions_started_at_check
        CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%SZ', started_at, '+0 days')),
    completed_at TEXT
        CONSTRAINT interview_sessions_completed_at_check
        CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%SZ', completed_at, '+0 days')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT interview_sessions_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT interview_sessions_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE INDEX interview_sessions_user_id_idx ON interview_sessions (user_id);
CREATE INDEX interview_sessions_job_id_idx ON interview_sessions (job_id);

CREATE TABLE interview_questions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL
        CONSTRAINT interview_questions_session_id_fkey
        REFERENCES interview_sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL
        CONSTRAINT interview_questions_position_check CHECK (position >= 0),
    question_text TEXT NOT NULL,
    question_type TEXT,
    difficulty TEXT
        CONSTRAINT interview_questions_difficulty_check CHECK (difficulty IN ('easy', 'medium', 'hard')),
    answer_text TEXT,
    score REAL
        CONSTRAINT interview_questions_score_check CHECK (score BETWEEN 0 AND 100),
    feedback TEXT
        CONSTRAINT interview_questions_feedback_check CHECK (feedback IS NULL OR json_valid(feedback)),
    answered_at TEXT
        CONSTRAINT interview_questions_answered_at_check
        CHECK (answered_at IS strftime('%Y-%m-%dT%H:%M:%SZ', answered_at, '+0 days')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT interview_questions_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT interview_questions_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX interview_questions_session_position_key
    ON interview_questions (session_id, position);

-- ------------------------------------------------------------------ resume_uploads
CREATE TABLE resume_uploads (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT resume_uploads_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    file_path TEXT NOT NULL,
    file_size INTEGER NOT NULL
        CONSTRAINT resume_uploads_file_size_check CHECK (file_size >= 0),
    file_type TEXT NOT NULL
        CONSTRAINT resume_uploads_file_type_check CHECK (file_type IN ('pdf', 'docx', 'txt', 'md')),
    parsing_status TEXT NOT NULL DEFAULT 'pending'
        CONSTRAINT resume_uploads_parsing_status_check
        CHECK (parsing_status IN ('pending', 'processing', 'completed', 'failed')),
    parsed_data TEXT
        CONSTRAINT resume_uploads_parsed_data_check
        CHECK (parsed_data IS NULL OR CASE WHEN json_valid(parsed_data)
               THEN json_type(parsed_data) = 'object' ELSE 0 END),
    extracted_skills TEXT
        CONSTRAINT resume_uploads_extracted_skills_check
        CHECK (extracted_skills IS NULL OR CASE WHEN json_valid(extracted_skills)
               THEN json_type(extracted_skills) = 'array' ELSE 0 END),
    extracted_experience TEXT
        CONSTRAINT resume_uploads_extracted_experience_check
        CHECK (extracted_experience IN ('entry', 'junior', 'mid', 'senior', 'lead', 'executive')),
    extracted_contact_info TEXT
        CONSTRAINT resume_uploads_extracted_contact_info_check
        CHECK (extracted_contact_info IS NULL OR CASE WHEN json_valid(extracted_contact_info)
               THEN json_type(extracted_contact_info) = 'object' ELSE 0 END),
    parsing_error TEXT,
    is_primary BOOLEAN NOT NULL DEFAULT 0
        CONSTRAINT resume_uploads_is_primary_check CHECK (is_primary IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resume_uploads_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resume_uploads_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE INDEX resume_uploads_user_id_idx ON resume_uploads (user_id);
CREATE UNIQUE INDEX resume_uploads_file_path_key ON resume_uploads (file_path);
-- At most one primary résumé per user.
CREATE UNIQUE INDEX resume_uploads_user_primary_key ON resume_uploads (user_id) WHERE is_primary;

-- ------------------------------------------------------------------ user_job_preferences
CREATE TABLE user_job_preferences (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT user_job_preferences_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    preferred_sources TEXT
        CONSTRAINT user_job_preferences_preferred_sources_check
        CHECK (preferred_sources IS NULL OR CASE WHEN json_valid(preferred_sources)
               THEN json_type(preferred_sources) = 'array' ELSE 0 END),
    disabled_sources TEXT
        CONSTRAINT user_job_preferences_disabled_sources_check
        CHECK (disabled_sources IS NULL OR CASE WHEN json_valid(disabled_sources)
               THEN json_type(disabled_sources) = 'array' ELSE 0 END),
    preferred_job_types TEXT
        CONSTRAINT user_job_preferences_preferred_job_types_check
        CHECK (preferred_job_types IS NULL OR CASE WHEN json_valid(preferred_job_types)
               THEN json_type(preferred_job_types) = 'array' ELSE 0 END),
    preferred_companies TEXT
        CONSTRAINT user_job_preferences_preferred_companies_check
        CHECK (preferred_companies IS NULL OR CASE WHEN json_valid(preferred_companies)
               THEN json_type(preferred_companies) = 'array' ELSE 0 END),
    excluded_companies TEXT
        CONSTRAINT user_job_preferences_excluded_companies_check
        CHECK (excluded_companies IS NULL OR CASE WHEN json_valid(excluded_companies)
               THEN json_type(excluded_companies) = 'array' ELSE 0 END),
    min_salary INTEGER
        CONSTRAINT user_job_preferences_min_salary_check CHECK (min_salary >= 0),
    keywords TEXT
        CONSTRAINT user_job_preferences_keywords_check
        CHECK (keywords IS NULL OR CASE WHEN json_valid(keywords)
               THEN json_type(keywords) = 'array' ELSE 0 END),
    excluded_keywords TEXT
        CONSTRAINT user_job_preferences_excluded_keywords_check
        CHECK (excluded_keywords IS NULL OR CASE WHEN json_valid(excluded_keywords)
               THEN json_type(excluded_keywords) = 'array' ELSE 0 END),
    notify_new_matches BOOLEAN DEFAULT 1
        CONSTRAINT user_job_preferences_notify_new_matches_check
        CHECK (notify_new_matches IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT user_job_preferences_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT user_job_preferences_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX user_job_preferences_user_id_key ON user_job_preferences (user_id);

-- ------------------------------------------------------------------ content
CREATE TABLE content_generations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT content_generations_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    job_id INTEGER
        CONSTRAINT content_generations_job_id_fkey REFERENCES jobs (id) ON DELETE SET NULL,
    content_type TEXT NOT NULL
        CONSTRAINT content_generations_content_type_check
        CHECK (content_type IN ('cover_letter', 'resume_summary', 'resume_tailoring',
                                'email_template', 'linkedin_message', 'thank_you_note',
                                'follow_up')),
    generated_content TEXT NOT NULL,
    user_modifications TEXT,
    generation_prompt TEXT,
    tone TEXT
        CONSTRAINT content_generations_tone_check
        CHECK (tone IN ('professional', 'casual', 'enthusiastic', 'friendly', 'concise')),
    template_used TEXT,
    generator TEXT,
    status TEXT NOT NULL DEFAULT 'generated'
        CONSTRAINT content_generations_status_check
        CHECK (status IN ('generated', 'modified', 'approved', 'used')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT content_generations_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT content_generations_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE INDEX content_generations_user_id_idx ON content_generations (user_id);
CREATE INDEX content_generations_job_id_idx ON content_generations (job_id);

CREATE TABLE content_versions (
    id INTEGER PRIMARY KEY,
    content_generation_id INTEGER NOT NULL
        CONSTRAINT content_versions_content_generation_id_fkey
        REFERENCES content_generations (id) ON DELETE CASCADE,
    version_number INTEGER NOT NULL
        CONSTRAINT content_versions_version_number_check CHECK (version_number >= 1),
    content TEXT NOT NULL,
    change_note TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT content_versions_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days'))
);
CREATE UNIQUE INDEX content_versions_generation_version_key
    ON content_versions (content_generation_id, version_number);

-- ------------------------------------------------------------------ career resources
CREATE TABLE career_resources (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    type TEXT NOT NULL
        CONSTRAINT career_resources_type_check
        CHECK (type IN ('course', 'article', 'video', 'book', 'tutorial', 'certification', 'tool',
                        'podcast')),
    provider TEXT NOT NULL,
    url TEXT NOT NULL,
    skills TEXT
        CONSTRAINT career_resources_skills_check
        CHECK (skills IS NULL OR CASE WHEN json_valid(skills)
               THEN json_type(skills) = 'array' ELSE 0 END),
    tags TEXT
        CONSTRAINT career_resources_tags_check
        CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
    prerequisites TEXT
        CONSTRAINT career_resources_prerequisites_check
        CHECK (prerequisites IS NULL OR CASE WHEN json_valid(prerequisites)
               THEN json_type(prerequisites) = 'array' ELSE 0 END),
    learning_outcomes TEXT
        CONSTRAINT career_resources_learning_outcomes_check
        CHECK (learning_outcomes IS NULL OR CASE WHEN json_valid(learning_outcomes)
               THEN json_type(learning_outcomes) = 'array' ELSE 0 END),
    difficulty TEXT NOT NULL
        CONSTRAINT career_resources_difficulty_check
        CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
    duration_minutes INTEGER
        CONSTRAINT career_resources_duration_minutes_check CHECK (duration_minutes >= 0),
    price TEXT,
    rating REAL
        CONSTRAINT career_resources_rating_check CHECK (rating BETWEEN 0 AND 5),
    is_active BOOLEAN NOT NULL DEFAULT 1
        CONSTRAINT career_resources_is_active_check CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT career_resources_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT career_resources_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX career_resources_slug_key ON career_resources (slug);
CREATE INDEX career_resources_type_difficulty_idx ON career_resources (type, difficulty);
CREATE INDEX career_resources_rating_idx ON career_resources (rating);

CREATE TABLE resource_bookmarks (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT resource_bookmarks_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL
        CONSTRAINT resource_bookmarks_resource_id_fkey
        REFERENCES career_resources (id) ON DELETE CASCADE,
    notes TEXT,
    priority TEXT DEFAULT 'medium'
        CONSTRAINT resource_bookmarks_priority_check CHECK (priority IN ('low', 'medium', 'high')),
    status TEXT DEFAULT 'to_learn'
        CONSTRAINT resource_bookmarks_status_check
        CHECK (status IN ('to_learn', 'in_progress', 'completed', 'archived')),
    progress_percentage INTEGER DEFAULT 0
        CONSTRAINT resource_bookmarks_progress_percentage_check
        CHECK (progress_percentage BETWEEN 0 AND 100),
    completed_at TEXT
        CONSTRAINT resource_bookmarks_completed_at_check
        CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%SZ', completed_at, '+0 days')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resource_bookmarks_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resource_bookmarks_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX resource_bookmarks_user_resource_key ON resource_bookmarks (user_id, resource_id);
CREATE INDEX resource_bookmarks_user_status_idx ON resource_bookmarks (user_id, status);
CREATE INDEX resource_bookmarks_resource_id_idx ON resource_bookmarks (resource_id);

CREATE TABLE resource_feedback (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT resource_feedback_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL
        CONSTRAINT resource_feedback_resource_id_fkey
        REFERENCES career_resources (id) ON DELETE CASCADE,
    is_helpful BOOLEAN NOT NULL
        CONSTRAINT resource_feedback_is_helpful_check CHECK (is_helpful IN (0, 1)),
    completed BOOLEAN NOT NULL DEFAULT 0
        CONSTRAINT resource_feedback_completed_check CHECK (completed IN (0, 1)),
    rating INTEGER
        CONSTRAINT resource_feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
    would_recommend BOOLEAN
        CONSTRAINT resource_feedback_would_recommend_check CHECK (would_recommend IN (0, 1)),
    notes TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resource_feedback_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resource_feedback_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX resource_feedback_user_resource_key ON resource_feedback (user_id, resource_id);
CREATE INDEX resource_feedback_resource_id_idx ON resource_feedback (resource_id);

CREATE TABLE resource_views (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT resource_views_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL
        CONSTRAINT resource_views_resource_id_fkey
        REFERENCES career_resources (id) ON DELETE CASCADE,
    source TEXT
        CONSTRAINT resource_views_source_check
        CHECK (source IN ('search', 'recommendation', 'bookmark', 'learning_path')),
    clicked_through BOOLEAN DEFAULT 0
        CONSTRAINT resource_views_clicked_through_check CHECK (clicked_through IN (0, 1)),
    viewed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT resource_views_viewed_at_check
        CHECK (viewed_at IS strftime('%Y-%m-%dT%H:%M:%SZ', viewed_at, '+0 days'))
);
CREATE INDEX resource_views_user_resource_idx ON resource_views (user_id, resource_id);
CREATE INDEX resource_views_viewed_at_idx ON resource_views (viewed_at);
CREATE INDEX resource_views_resource_id_idx ON resource_views (resource_id);

-- ------------------------------------------------------------------ learning paths
CREATE TABLE learning_paths (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    target_role TEXT,
    difficulty TEXT NOT NULL
        CONSTRAINT learning_paths_difficulty_check
        CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
    estimated_duration_weeks INTEGER
        CONSTRAINT learning_paths_estimated_duration_weeks_check
        CHECK (estimated_duration_weeks >= 0),
    skills TEXT
        CONSTRAINT learning_paths_skills_check
        CHECK (skills IS NULL OR CASE WHEN json_valid(skills)
               THEN json_type(skills) = 'array' ELSE 0 END),
    resource_ids TEXT
        CONSTRAINT learning_paths_resource_ids_check
        CHECK (resource_ids IS NULL OR CASE WHEN json_valid(resource_ids)
               THEN json_type(resource_ids) = 'array' ELSE 0 END),
    milestones TEXT
        CONSTRAINT learning_paths_milestones_check
        CHECK (milestones IS NULL OR json_valid(milestones)),
    is_active BOOLEAN NOT NULL DEFAULT 1
        CONSTRAINT learning_paths_is_active_check CHECK (is_active IN (0, 1)),
    created_by_user_id INTEGER
        CONSTRAINT learning_paths_created_by_user_id_fkey
        REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT learning_paths_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT learning_paths_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX learning_paths_name_key ON learning_paths (name);
CREATE INDEX learning_paths_created_by_user_id_idx ON learning_paths (created_by_user_id);

CREATE TABLE learning_path_enrollments (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT learning_path_enrollments_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    learning_path_id INTEGER NOT NULL
        CONSTRAINT learning_path_enrollments_learning_path_id_fkey
        REFERENCES learning_paths (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'active'
        CONSTRAINT learning_path_enrollments_status_check
        CHECK (status IN ('active', 'paused', 'completed', 'abandoned')),
    current_resource_index INTEGER DEFAULT 0
        CONSTRAINT learning_path_enrollments_current_resource_index_check
        CHECK (current_resource_index >= 0),
    completed_resource_ids TEXT
        CONSTRAINT learning_path_enrollments_completed_resource_ids_check
        CHECK (completed_resource_ids IS NULL OR CASE WHEN json_valid(completed_resource_ids)
               THEN json_type(completed_resource_ids) = 'array' ELSE 0 END),
    progress_percentage INTEGER DEFAULT 0
        CONSTRAINT learning_path_enrollments_progress_percentage_check
        CHECK (progress_percentage BETWEEN 0 AND 100),
    enrolled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT learning_path_enrollments_enrolled_at_check
        CHECK (enrolled_at IS strftime('%Y-%m-%dT%H:%M:%SZ', enrolled_at, '+0 days')),
    last_activity_at TEXT
        CONSTRAINT learning_path_enrollments_last_activity_at_check
        CHECK (last_activity_at IS strftime('%Y-%m-%dT%H:%M:%SZ', last_activity_at, '+0 days')),
    completed_at TEXT
        CONSTRAINT learning_path_enrollments_completed_at_check
        CHECK (completed_at IS strftime('%Y-%m-%dT%H:%M:%SZ', completed_at, '+0 days'))
);
CREATE UNIQUE INDEX learning_path_enrollments_user_path_key
    ON learning_path_enrollments (user_id, learning_path_id);
CREATE INDEX learning_path_enrollments_user_status_idx ON learning_path_enrollments (user_id, status);
CREATE INDEX learning_path_enrollments_learning_path_id_idx
    ON learning_path_enrollments (learning_path_id);

-- ------------------------------------------------------------------ sessions
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT sessions_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    expires_at TEXT NOT NULL
        CONSTRAINT sessions_expires_at_check
        CHECK (expires_at IS strftime('%Y-%m-%dT%H:%M:%SZ', expires_at, '+0 days')),
    last_used_at TEXT
        CONSTRAINT sessions_last_used_at_check
        CHECK (last_used_at IS strftime('%Y-%m-%dT%H:%M:%SZ', last_used_at, '+0 days')),
    user_agent TEXT
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
