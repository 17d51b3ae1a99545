-- Every attempt to deliver an outbox row and how it ended, so people can see whether and how a notice reached
-- them (GET /api/v1/cases/{id}/deliveries). Kept as long as the outbox row (outbox.retention).
create table delivery_attempts (
    outbox_id   bigint      not null references outbox (id) on delete cascade,
    attempt     int         not null,               -- 1 for the first
    at          timestamptz not null,               -- when the attempt started
    outcome     text        not null check (outcome in ('delivered', 'retry', 'failed')),
    http_status int,                                -- the receiver's answer; null when there was none
    error       text,                               -- why it failed; null when delivered
    duration_ms int         not null,
    primary key (outbox_id, attempt)
);
