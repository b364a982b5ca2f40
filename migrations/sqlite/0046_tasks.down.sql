DROP TABLE tasks_fts;
DROP TABLE tasks;
