DROP TRIGGER application_list_versions_update ON applications;
DROP TRIGGER application_list_versions_insert ON applications;
DROP FUNCTION application_list_versions_change();
DROP TABLE application_list_versions;
