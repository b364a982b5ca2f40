-- Migration 0001 (PostgreSQL), down: drops everything 0001_init.up.sql created, children
-- before parents, then the enum types. Indexes and constraints go with their tables.
-- schema_migrations belongs to the migrator and stays.
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
DROP TABLE jobs;
DROP TABLE users;
DROP TYPE enrollment_status;
DROP TYPE resource_type;
DROP TYPE content_status;
DROP TYPE content_type;
DROP TYPE parsing_status;
DROP TYPE interview_status;
DROP TYPE interview_type;
DROP TYPE feedback_status;
DROP TYPE feedback_priority;
DROP TYPE feedback_type;
DROP TYPE application_status;
