-- What became of the commands an alert caused (io.anju.cases.commands): the gateway's delivery reports, the devices'
-- replies and the alerting job's confirmations from anju.command-results, each recorded once per
-- (command_id, kind, outcome, attempt) so that a redelivered record changes nothing. A row whose alert has no case yet
-- waits with event_seq null and is written into the case's history once the alert's case appears.
create table command_outcomes (
    id          bigserial   primary key,
    command_id  text        not null,
    kind        text        not null check (kind in ('delivery', 'reply', 'confirmation')),
    outcome     text        not null,
    attempt     int         not null,
    alert_id    text        not null,
    data        jsonb       not null,
    received_at timestamptz not null,
    case_id     bigint      references cases (id),
    event_seq   bigint      references case_events (seq),
    constraint command_outcomes_once unique (command_id, kind, outcome, attempt)
);

-- The outcomes still waiting for their alert's case.
create index command_outcomes_waiting on command_outcomes (alert_id) where event_seq is null;
