-- The engagement kept unrounded: a late activity's points decayed to a fraction add up to
-- the same score whatever order activities arrive in. `engagement` stays, rounded, for queries.
alter table lead_score add column engagement_exact double precision default 0 not null;
update lead_score set engagement_exact = engagement;
