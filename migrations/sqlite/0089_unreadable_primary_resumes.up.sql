-- A résumé whose parsing failed was made primary at its upload when its owner had none, until
-- the thirty-fourth round (docs/decisions.md, "An unreadable résumé is not made primary"). Such
-- a row untouched since (updated_at = created_at: the user's own choice of it, a label or a
-- hand-over on deletion would have moved updated_at) is no longer primary, and each user left
-- without a primary résumé gets their newest readable one, as the upload and the deletion now
-- do. A failed résumé the user chose as primary stays so.
UPDATE resume_uploads SET is_primary = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE is_primary AND parsing_status = 'failed' AND updated_at = created_at;
UPDATE resume_uploads SET is_primary = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id IN (
    SELECT (SELECT r.id FROM resume_uploads r
            WHERE r.user_id = o.user_id AND r.parsing_status <> 'failed'
            ORDER BY r.created_at DESC, r.id DESC LIMIT 1)
    FROM (SELECT DISTINCT user_id FROM resume_uploads) o
    WHERE NOT EXISTS (SELECT 1 FROM resume_uploads p WHERE p.user_id = o.user_id AND p.is_primary));
