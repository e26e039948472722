-- Suppressed email addresses, apart from the contacts that had them: a bounce or a spam report is about the
-- address that received the message (not the contact's address of today), and stays when the contact is
-- erased. The address is kept as its SHA-256 only (see channel/AddressKeys); filled in for the suppressions
-- already recorded by the Java migration V14.
create table suppressed_address (
  channel      varchar(10)  not null,
  address_key  varchar(64)  not null,
  reason       varchar(40)  not null,
  created_at   timestamp with time zone not null,
  primary key (channel, address_key)
);
-- the address key a contact's suppression put on the list: lifted with it when the person consents anew
alter table suppression add column address_key varchar(64);
