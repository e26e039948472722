-- B2B lead scoring and sales hand-off (issue 4). Scores are business facts about a lead, never PII.

-- The current score of each lead: fit from the lead-fit decision, engagement as of engagement_since
-- (inactivity decay is applied from that moment on, see EngagementDecay).
create table lead_score (
  contact_id        varchar(100) primary key,
  fit               integer      not null,
  fit_breakdown     varchar(1000) not null,
  engagement        integer      not null,
  engagement_since  timestamp with time zone not null,
  demo_requested    boolean      not null default false,
  updated_at        timestamp with time zone not null
);

-- Every change of a lead's score: which activity (or fit, decay, recycle), how many points, when.
-- source_key makes a change idempotent (an event id, a journey step).
create table lead_score_change (
  id                varchar(36)  primary key,
  source_key        varchar(200) not null unique,
  contact_id        varchar(100) not null,
  kind              varchar(20)  not null,
  activity          varchar(40),
  points            integer      not null,
  engagement_after  integer      not null,
  occurred_at       timestamp with time zone not null
);
create index lead_score_change_contact on lead_score_change (contact_id, occurred_at);

-- Emails to sales users (hot lead, escalation): one row per notification, committed before the
-- provider call, so a retried job never notifies twice.
create table sales_notification (
  idempotency_key   varchar(200) primary key,
  user_id           varchar(64)  not null,
  kind              varchar(20)  not null,
  task_id           varchar(64),
  provider          varchar(20)  not null,
  created_at        timestamp with time zone not null
);

-- Opportunities pushed to the CRM, one row per journey instance, with the outcome of the last attempt.
create table crm_push (
  process_instance_id  varchar(64)  primary key,
  contact_id           varchar(100) not null,
  target               varchar(20)  not null,
  status               varchar(12)  not null,
  response_status      integer,
  attempts             integer      not null,
  last_error           varchar(500),
  created_at           timestamp with time zone not null,
  updated_at           timestamp with time zone not null
);
create index crm_push_contact on crm_push (contact_id);
