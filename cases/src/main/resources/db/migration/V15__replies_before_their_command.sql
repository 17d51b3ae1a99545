-- A device's reply names no alert: it is filed under the alert an earlier outcome of its command named (the gateway's
-- delivery report, or the 'request' row of a command people issued). That outcome may come after the reply: the reply
-- and the delivery report are written by two producers in no order, and a request row is committed only once Kafka
-- took the command, by which time the device may have answered. Such a reply waits with alert_id null until an outcome
-- of its command names the alert (io.anju.cases.commands.CommandOutcomes), for a bounded time.
alter table command_outcomes alter column alert_id drop not null;
create index command_outcomes_unnamed on command_outcomes (command_id) where kind = 'reply' and alert_id is null;
