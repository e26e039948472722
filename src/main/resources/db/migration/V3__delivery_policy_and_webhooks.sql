-- Delivery policy (issue 6): message category and deferral, suppressions, provider webhook receipts.

-- marketing messages count toward the frequency cap and respect quiet hours; transactional ones do not
alter table message add column category varchar(15) default 'MARKETING' not null;
-- set when quiet hours deferred the message: the moment it was deferred to, kept after sending
alter table message add column deferred_until timestamp with time zone;
create index message_contact_category on message (contact_id, category, created_at);
-- inbound SMS (STOP, START) find their contacts by phone number
create index contact_phone on contact (phone);

-- a channel of a contact that must not be used again (hard bounce, spam report, invalid number,
-- opted out at the provider) until the contact gives consent to that channel anew
create table suppression (
  contact_id  varchar(100) not null references contact (id) on delete cascade,
  channel     varchar(10)  not null,
  reason      varchar(40)  not null,
  source      varchar(120) not null,
  created_at  timestamp with time zone not null,
  primary key (contact_id, channel)
);

-- provider webhook events already applied, so a replayed or retried webhook has no second effect
create table webhook_receipt (
  id           varchar(200) primary key,
  received_at  timestamp with time zone not null
);
