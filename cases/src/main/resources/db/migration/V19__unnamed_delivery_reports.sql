-- The gateway's delivery report of a command that named no alert (a person's stop for a case reported by hand, a
-- retry of one) waits, like a device's reply, for a record of its command to say which case it goes to
-- (io.anju.cases.commands.CommandOutcomes).
drop index command_outcomes_unnamed;
create index command_outcomes_unnamed on command_outcomes (command_id)
    where kind in ('reply', 'delivery') and alert_id is null and event_seq is null;
