-- Migration 0038 changes nothing on PostgreSQL (see the up script).
SELECT 1;
