-- Reactivation of dormant customers: the daily sweeps, who each enrolled, and what orders contained.

-- One row per sweep (keyed by its process instance): the rules' cut-offs fixed when it opened, where it
-- stands (cursor = last contact id enrolled, in id order), the time of the next free sending slot, and its
-- figures. running_slot is 'running' while the sweep runs and null after: its unique constraint lets only
-- one sweep run at a time.
create table reactivation_sweep (
  id                 varchar(64)  primary key,
  opened_at          timestamp with time zone not null,
  dormant_before     timestamp with time zone not null,
  reentry_after      timestamp with time zone not null,
  page_size          integer      not null,
  cursor_contact_id  varchar(100),
  next_send_at       timestamp with time zone,
  found              integer      not null default 0,
  enrolled           integer      not null default 0,
  pages              integer      not null default 0,
  finished_at        timestamp with time zone,
  running_slot       varchar(10)  unique
);

-- One row per contact a sweep enrolled into the `reactivation` journey. The primary key is the
-- guard that a sweep enrols a contact once; ended_at/outcome are set when that journey ends, and
-- the dormant query reads them for "not already in reactivation" and the re-entry window.
create table reactivation_enrolment (
  sweep_id             varchar(64)  not null,
  contact_id           varchar(100) not null,
  process_instance_id  varchar(64)  not null,
  enrolled_at          timestamp with time zone not null,
  ended_at             timestamp with time zone,
  outcome              varchar(20),
  primary key (sweep_id, contact_id)
);
create index reactivation_enrolment_contact on reactivation_enrolment (contact_id, ended_at);
create index reactivation_enrolment_instance on reactivation_enrolment (process_instance_id);

-- Optional line items of `order.completed` (what the contact bought), for personalised messages.
create table customer_order_item (
  order_id   varchar(100) not null references customer_order (order_id) on delete cascade,
  line       integer      not null,
  sku        varchar(100),
  name       varchar(200) not null,
  quantity   integer      not null,
  price      decimal(14, 2) not null,
  primary key (order_id, line)
);
