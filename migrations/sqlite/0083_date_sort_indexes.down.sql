-- Migration 0083 changes PostgreSQL only.
SELECT 1;
