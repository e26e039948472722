-- the contact whose bounce or spam report put the address on the list: only that person consenting
-- anew takes it off (not another contact who now has the address). Kept after the contact's erasure,
-- like the bare id on message rows. Rows listed before this column existed have none.
alter table suppressed_address add column contact_id varchar(100);
create index suppressed_address_contact on suppressed_address (contact_id, channel);
