-- A confirmation of a stop a person sent for a case names that case (the alerting job watches people's stops by the
-- charger's readings too); one for a case reported by hand names no alert, and is written straight into its case.
alter table command_outcomes alter column alert_id drop not null;
