-- Migration 0082 changes SQLite only.
SELECT 1;
