-- An event older than the contact's details only fills what the contact lacks. Two things it could not
-- tell: what a PUT has since stated as absent (a phone number the person had removed), and a locale or
-- time zone that is only the default, given when the contact was created without one.
alter table contact add column details_replaced_at timestamp with time zone;
alter table contact add column locale_defaulted boolean default false not null;
alter table contact add column time_zone_defaulted boolean default false not null;
