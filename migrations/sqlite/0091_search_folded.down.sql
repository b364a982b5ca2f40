-- Migration 0091 changes nothing on SQLite (see the up script).
SELECT 1;
