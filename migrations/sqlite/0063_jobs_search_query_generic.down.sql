-- Migration 0063 changes PostgreSQL only.
SELECT 1;
