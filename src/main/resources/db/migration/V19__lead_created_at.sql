-- A demo request dated before the lead's creation belonged to an earlier lead, also when it is reported
-- after the lead started: the moment the lead was created is kept to tell. Leads created before this
-- column existed keep counting every demo request, as they did.
alter table lead_score add column lead_created_at timestamp with time zone;
