-- Migration 0075 changes nothing on SQLite (see the up script).
SELECT 1;
