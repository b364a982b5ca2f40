DROP TABLE application_contacts;
DROP INDEX applications_id_user_key;
DROP TABLE contacts;
