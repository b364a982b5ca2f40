-- Migration 0001 (SQLite), down: drops everything 0001_init.up.sql created, children before
-- parents (with foreign_keys=ON, dropping a parent first would fail on its children's rows).
-- Indexes and the jobs_fts triggers go with their tables. schema_migrations is the migrator's.
DROP TABLE sessions;
DROP TABLE learning_path_enrollments;
DROP TABLE learning_paths;
DROP TABLE resource_views;
DROP TABLE resource_feedback;
DROP TABLE resource_bookmarks;
DROP TABLE career_resources;
DROP TABLE content_versions;
DROP TABLE content_generations;
DROP TABLE user_job_preferences;
DROP TABLE resume_uploads;
DROP TABLE interview_questions;
DROP TABLE interview_sessions;
DROP TABLE job_recommendation_feedback;
DROP TABLE feedback_votes;
DROP TABLE feedback;
DROP TABLE analytics;
DROP TABLE applications;
DROP TABLE jobs_fts;
DROP TABLE jobs;
DROP TABLE users;
