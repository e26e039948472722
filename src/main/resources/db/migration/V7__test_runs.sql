-- Test runs of journeys (issue 7): a marketer's dry run before launch, kept with its report.
-- The run's throwaway contact, messages and engine history are removed when it ends.
create table test_run (
  id               varchar(36)  primary key,
  journey          varchar(100) not null,
  contact_id       varchar(100) not null,
  requested_by     varchar(100),
  status           varchar(20)  not null,
  report           varchar(1000000),
  created_at       timestamp with time zone not null,
  finished_at      timestamp with time zone
);
create index test_run_journey on test_run (journey, created_at);
