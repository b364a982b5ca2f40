DROP TRIGGER calendar_events_task_update ON tasks;
DROP TRIGGER calendar_events_task_insert_delete ON tasks;
DROP FUNCTION calendar_events_task();
DROP TRIGGER calendar_events_application_update ON applications;
DROP TRIGGER calendar_events_application_insert_delete ON applications;
DROP FUNCTION calendar_events_application();
DROP TABLE calendar_events;
