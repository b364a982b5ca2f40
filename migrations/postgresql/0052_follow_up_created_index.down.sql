-- Migration 0052 changes SQLite only.
SELECT 1;
