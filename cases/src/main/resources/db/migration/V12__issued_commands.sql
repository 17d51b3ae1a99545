-- Commands people send for a case (io.anju.cases.commands.CaseCommands) are known from the moment they are issued: a
-- 'request' row names the command's alert, so the device's reply is filed in the case even when it reaches
-- anju.command-results before the gateway's delivery report (two writers, no order between them).
alter table command_outcomes drop constraint command_outcomes_kind_check;
alter table command_outcomes add constraint command_outcomes_kind_check
    check (kind in ('request', 'delivery', 'reply', 'confirmation'));
