-- Migration 0092 (thirty-seventh round): GET /applications?sort=status (and -status) in the
-- pipeline's order on SQLite as on PostgreSQL, whose enum type application_status declares it
-- (docs/decisions.md, "The two engines compared"). SQLite's status is text with a CHECK and
-- sorts by name, so the list sorts by the status's position in the pipeline instead, the CASE
-- below, then the status itself (src/model/table_list.c, table_sort_rank and
-- table_sort_terms), and this index gives that order without a sort: the position, the status
-- (so the page's ids are read from the index alone) and the rowid after them. The CASE is
-- the server's own text, made from its one table of statuses (pipeline_status_names in
-- src/core/pipeline.c, by table_values_rank): SQLite uses an expression index only for the
-- same expression, and tests/unit/model/test_table.c fails when the two differ.
-- docs/performance.md "Applications in pipeline order on SQLite (thirty-seventh round)".
CREATE INDEX applications_user_pipeline_idx ON applications (
    user_id,
    (CASE status WHEN 'interested' THEN 0 WHEN 'applied' THEN 1 WHEN 'phone_screen' THEN 2
                 WHEN 'interview' THEN 3 WHEN 'technical' THEN 4 WHEN 'offer' THEN 5
                 WHEN 'accepted' THEN 6 WHEN 'declined' THEN 7 WHEN 'rejected' THEN 8
                 WHEN 'withdrawn' THEN 9 WHEN 'ghosted' THEN 10 END),
    status);
