-- Suppressions are looked up by the address's key in suppressed_address (V13): the contact's own
-- lower-cased copy of its email and its index were written on every change and read by nothing
drop index contact_email_key;
alter table contact drop column email_key;
