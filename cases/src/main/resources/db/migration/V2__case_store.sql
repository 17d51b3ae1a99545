-- Case store additions for supervision and alert intake.

-- How many times supervision has escalated the case since its deadline: with reminders and the deadline this fixes
-- the next supervision step, so a restarted service resumes exactly where it stopped.
alter table cases add column escalations int not null default 0;

-- A cleared alert whose key has no open case opens nothing, but its receipt is still kept so a redelivery is
-- recognised as a repeat; such a receipt belongs to no case.
alter table alert_receipts alter column case_id drop not null;

create index cases_dedup_key on cases (dedup_key, created_at) where dedup_key is not null;
