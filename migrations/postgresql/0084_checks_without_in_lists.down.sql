-- Migration 0084 changes nothing on PostgreSQL (see the up script).
SELECT 1;
