-- The moment the contact's details (email, phone, name, locale, time zone) were stated as of: an event
-- that happened before it (an import replaying history, a late retry) no longer puts back an address the
-- person has since changed. Contacts written before this column existed take the next details given.
alter table contact add column details_at timestamp with time zone;
