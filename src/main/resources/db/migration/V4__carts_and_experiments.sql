-- Abandoned carts: their items live here, not in process variables; reminders read them at send time.
create table cart (
  cart_id       varchar(100)   primary key,
  contact_id    varchar(100)   not null,
  amount        decimal(14, 2) not null,
  currency      varchar(3)     not null,
  items         varchar(200000) not null,
  cart_url      varchar(2000)  not null,
  abandoned_at  timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);
create index cart_contact on cart (contact_id);

-- A/B experiments: each contact is assigned a variant once, at their first exposure, and keeps it.
-- An order of the contact between entered_at (the journey's start) and converts_until counts as a conversion.
create table experiment_assignment (
  experiment           varchar(100) not null,
  contact_id           varchar(100) not null,
  variant              varchar(20)  not null,
  assigned_at          timestamp with time zone not null,
  journey              varchar(100),
  process_instance_id  varchar(64),
  entered_at           timestamp with time zone not null,
  converts_until       timestamp with time zone not null,
  primary key (experiment, contact_id)
);
create index experiment_assignment_variant on experiment_assignment (experiment, variant);

-- Once a winner is significant (and the setting allows it), new contacts go to the winner or the control group.
create table experiment_traffic (
  experiment  varchar(100) primary key,
  moved_to    varchar(20)  not null,
  moved_at    timestamp with time zone not null,
  reason      varchar(500) not null
);
