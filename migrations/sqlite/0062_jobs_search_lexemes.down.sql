-- Migration 0062 changes PostgreSQL only.
SELECT 1;
