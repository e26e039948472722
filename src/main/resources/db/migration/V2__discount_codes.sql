-- Single-use discount codes handed out by journeys (abandoned cart, reactivation).
create table discount_code (
  code                 varchar(20)  primary key,
  idempotency_key      varchar(200) not null unique,
  offer                varchar(50)  not null,
  percent              integer      not null,
  contact_id           varchar(100) not null,
  journey              varchar(100),
  process_instance_id  varchar(64),
  issued_at            timestamp with time zone not null,
  valid_until          timestamp with time zone not null,
  redeemed_by_order    varchar(100),
  redeemed_at          timestamp with time zone
);
create index discount_code_contact on discount_code (contact_id);
