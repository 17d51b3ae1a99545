-- The case system's schema. Times are timestamptz (UTC on the wire); ids of places and devices are the registry's.

create table users (
    name          text primary key,
    password_hash text        not null,            -- PBKDF2-HMAC-SHA256, self-describing (see auth.PasswordHasher)
    role          text        not null,
    scope         text        not null,            -- unit id(s), comma-separated for property managers
    display_name  text,
    disabled      boolean     not null default false,
    created_at    timestamptz not null default now()
);

create sequence case_no_seq;

create table cases (
    id                  bigserial primary key,
    case_no             text        not null unique,
    origin              text        not null,
    title               text        not null,
    description         text,
    category_code       text        not null,
    department          text        not null,
    coordinating_departments text[] not null default '{}',
    severity            text        not null,
    state               text        not null,
    dedup_key           text,
    alert_id            text,
    alert_type          text,
    alert_status        text,
    alert_severity      text,
    recommended_action  text,
    sub_district_id     text,
    community_id        text,
    grid_id             text,
    compound_id         text,
    zone_id             text,
    source_kind         text,
    source_id           text,
    device_id           text,
    port                int,
    evidence            jsonb       not null default '[]',
    assigned_level      text        not null,
    assigned_unit       text        not null,
    assignee            text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    first_event_at      timestamptz,
    alert_emitted_at    timestamptz,
    dispatch_due_at     timestamptz,
    dispatched_at       timestamptz,
    deadline_at         timestamptz,
    feedback_at         timestamptz,
    closed_at           timestamptz,
    evaluated_at        timestamptz,
    overdue             boolean     not null default false,
    extended            boolean     not null default false,
    reworked            boolean     not null default false,
    reminders           int         not null default 0,
    next_supervision_at timestamptz,
    evaluation_score    int,
    void_reason         text,
    first_notified_at   timestamptz,
    state_before_clear  text,                        -- set when a cleared alert moved the case to feedback
    version             int         not null default 0
);

-- One open case per dedup key: a second alert episode of the same condition joins the open case.
create unique index cases_one_open_per_key on cases (dedup_key)
    where dedup_key is not null and state not in ('closed', 'evaluated', 'voided');
create index cases_grid on cases (grid_id, state);
create index cases_community on cases (community_id, state);
create index cases_sub_district on cases (sub_district_id, state);
create index cases_compound on cases (compound_id);
create index cases_department on cases (department);
create index cases_supervision on cases (next_supervision_at) where next_supervision_at is not null;
create index cases_created on cases (created_at);

-- The audit trail: every change of every case, in order. seq is the SSE event id.
create table case_events (
    seq         bigserial primary key,
    case_id     bigint      not null references cases (id),
    at          timestamptz not null,
    actor       text        not null,
    actor_role  text,
    kind        text        not null,
    from_state  text,
    to_state    text,
    note        text,
    attachments text[]      not null default '{}',
    data        jsonb
);
create index case_events_case on case_events (case_id, seq);

-- Alert records already applied: a redelivered record (same id and revision) changes nothing.
create table alert_receipts (
    alert_id    text        not null,
    revision    int         not null,
    case_id     bigint      not null references cases (id),
    received_at timestamptz not null,
    primary key (alert_id, revision)
);

-- Deliveries to notification channels and the export webhook, written in the same transaction as the change.
create table outbox (
    id              bigserial primary key,
    channel         text        not null,
    idempotency_key text        not null unique,
    case_id         bigint      not null references cases (id),
    event_seq       bigint      not null,
    kind            text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,            -- gave up after the last retry
    last_error      text
);
create index outbox_due on outbox (next_attempt_at) where delivered_at is null and failed_at is null;
