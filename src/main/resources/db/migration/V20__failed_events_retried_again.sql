-- An accepted event was given up after ten failed attempts (about four hours): it is retried again, from
-- now on for as long as it takes, so what failed while a diagram was broken or a database down still counts.
update inbound_event set status = 'RECEIVED', next_attempt_at = current_timestamp where status = 'FAILED';
