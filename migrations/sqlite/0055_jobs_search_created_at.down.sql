-- Migration 0055 changes nothing on SQLite (see the up script).
SELECT 1;
