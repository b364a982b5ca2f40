-- Migration 0085 changes nothing on PostgreSQL (see the up script).
SELECT 1;
