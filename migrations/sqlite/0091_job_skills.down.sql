DROP TRIGGER job_skills_text_change;
DROP TABLE job_skills_state;
DROP TABLE job_skills;
