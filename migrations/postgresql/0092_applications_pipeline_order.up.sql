-- Migration 0092 changes SQLite only (an index of the applications' pipeline position, which
-- GET /applications?sort=status reads there, see its up script). PostgreSQL's enum type
-- application_status sorts in the pipeline's order already (its values declared in that order,
-- migration 0001) and applications_user_status_idx (0030) serves that order. The version is kept
-- on both engines so that their schema versions stay the same.
SELECT 1;
