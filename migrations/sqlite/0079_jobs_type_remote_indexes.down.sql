-- Migration 0079 changes nothing on SQLite (see the up script).
SELECT 1;
