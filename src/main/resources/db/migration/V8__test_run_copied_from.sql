-- A test run whose test contact copied a real contact (copyOf) renders that person's name in its
-- report: erasing the person removes such reports too.
alter table test_run add column copied_from varchar(100);
create index test_run_copied_from on test_run (copied_from);
