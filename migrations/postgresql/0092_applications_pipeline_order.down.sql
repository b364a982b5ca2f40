-- Migration 0092 changes SQLite only.
SELECT 1;
