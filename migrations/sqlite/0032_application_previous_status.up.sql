-- Migration 0032 (SQLite): the status a final application left (SPEC part C "Application
-- pipeline": a final state may be reopened to its previous state with ?force=true). Set in the
-- same write that moves an application from an open status into a final one, cleared when it is
-- reopened (src/model/application.c, src/core/pipeline.c). Only an open status, or NULL: rows
-- closed before this migration have none, and reopening them falls back to the guess from
-- their dates.
ALTER TABLE applications ADD COLUMN previous_status TEXT
    CONSTRAINT applications_previous_status_check
    CHECK (previous_status IN ('interested', 'applied', 'phone_screen', 'interview', 'technical',
                               'offer'));
