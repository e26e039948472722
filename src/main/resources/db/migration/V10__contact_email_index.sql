-- A bounce or a spam report suppresses the address: sends look for suppressions of other contacts with it
create index contact_email on contact (email);
