-- Mailboxes are matched without regard to case (Bounce.Me@Example.com is bounce.me@example.com): the
-- address as given stays in email, the lower-cased key the suppression lookup reads is indexed instead
alter table contact add column email_key varchar(320);
update contact set email_key = lower(email) where email is not null;
drop index contact_email;
create index contact_email_key on contact (email_key);
