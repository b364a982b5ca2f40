-- Migration 0089 is not undone: which unreadable résumé was primary before it is not kept, and
-- the primary flags it set are valid under the rules before it too.
SELECT 1;
