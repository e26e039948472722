-- Parcours' own tables, beside the engine's ACT_* tables. Portable between H2 and PostgreSQL.

create table contact (
  id               varchar(100) primary key,
  email            varchar(320),
  phone            varchar(20),
  first_name       varchar(100),
  locale           varchar(35)  not null,
  time_zone        varchar(64)  not null,
  lifecycle_stage  varchar(20)  not null,
  orders_count     integer      not null default 0,
  revenue          decimal(14, 2) not null default 0,
  last_order_at    timestamp with time zone,
  created_at       timestamp with time zone not null,
  updated_at       timestamp with time zone not null
);

create table contact_consent (
  contact_id  varchar(100) not null references contact (id) on delete cascade,
  channel     varchar(10)  not null,
  granted     boolean      not null,
  changed_at  timestamp with time zone not null,
  source      varchar(120) not null,
  primary key (contact_id, channel)
);

create table customer_order (
  order_id     varchar(100) primary key,
  contact_id   varchar(100) not null,
  amount       decimal(14, 2) not null,
  currency     varchar(3)   not null,
  ordered_at   timestamp with time zone not null,
  event_id     varchar(100) not null
);
create index customer_order_contact on customer_order (contact_id, ordered_at);

create table inbound_event (
  id               varchar(100) primary key,
  type             varchar(40)  not null,
  contact_id       varchar(100) not null,
  occurred_at      timestamp with time zone not null,
  received_at      timestamp with time zone not null,
  payload          varchar(65536) not null,
  status           varchar(12)  not null,
  attempts         integer      not null default 0,
  next_attempt_at  timestamp with time zone not null,
  processed_at     timestamp with time zone,
  last_error       varchar(1000)
);
create index inbound_event_pending on inbound_event (status, next_attempt_at);
create index inbound_event_contact on inbound_event (contact_id);

create table message (
  id                   varchar(36)  primary key,
  idempotency_key      varchar(200) not null unique,
  contact_id           varchar(100) not null,
  channel              varchar(10)  not null,
  provider             varchar(20),
  template             varchar(100) not null,
  journey              varchar(100),
  process_instance_id  varchar(64),
  step                 varchar(100),
  variant              varchar(20),
  status               varchar(12)  not null,
  reason               varchar(500),
  provider_message_id  varchar(100),
  recipient            varchar(320),
  subject              varchar(500),
  body                 varchar(20000),
  attempts             integer      not null default 0,
  created_at           timestamp with time zone not null,
  updated_at           timestamp with time zone not null,
  sent_at              timestamp with time zone
);
create index message_contact on message (contact_id, created_at);
create index message_journey_status on message (journey, status);
create index message_provider_id on message (provider_message_id);

create table conversion (
  process_instance_id  varchar(64)  primary key,
  journey              varchar(100) not null,
  contact_id           varchar(100) not null,
  order_id             varchar(100) not null,
  revenue              decimal(14, 2) not null,
  currency             varchar(3)   not null,
  variant              varchar(20),
  converted_at         timestamp with time zone not null
);
create index conversion_journey on conversion (journey);
