-- Migration 0053 changes nothing on SQLite (see the up script).
SELECT 1;
