-- Deadlines on every open state (issue 11): a case is chased before dispatch too, first on its acknowledge deadline,
-- then on its dispatch deadline (dispatch_due_at), then on its handling deadline (deadline_at).

-- By when a person must acknowledge (verify) a newly filed case: the category's limit for its severity.
alter table cases add column acknowledge_due_at timestamptz;
-- When a person first moved the case on from collected (verified or voided it).
alter table cases add column acknowledged_at timestamptz;
-- The deadline supervision chases now: acknowledge, dispatch or handle. reminders and escalations count within it
-- and start again at 0 when the case reaches the next stage.
alter table cases add column supervision_stage text;

-- Cases filed before this migration: the dispatch limit stands in for the (shorter) acknowledge limit, which is
-- lenient rather than wrong; their counters are still 0, so supervision simply starts on them.
update cases set supervision_stage = 'acknowledge', acknowledge_due_at = dispatch_due_at,
                 next_supervision_at = dispatch_due_at
    where state = 'collected';
update cases set supervision_stage = 'dispatch', next_supervision_at = dispatch_due_at
    where state in ('verified', 'analysed');
update cases set supervision_stage = 'handle'
    where state in ('dispatched', 'in_handling', 'coordinating', 'feedback_submitted') and deadline_at is not null;
