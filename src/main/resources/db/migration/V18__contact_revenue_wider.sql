-- Each order holds at most 12 integer digits; a contact's revenue adds them up, and a sum beyond the
-- column would fail the order's processing on every retry: the total holds ten billion such orders.
alter table contact alter column revenue set data type decimal(24, 2);
