-- A cart at its documented limits (100 items, long names and URL) takes more than 64 KB once stored as
-- JSON, and its reminder email more than 20 000 characters: both columns widen. An event is refused above
-- 1 000 000 characters (EventIngestion).
alter table inbound_event alter column payload set data type varchar(1000000);
alter table message alter column body set data type varchar(1000000);
