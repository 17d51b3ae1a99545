-- Response levels (issue 11): a warning opens a case, a watch item (state 'watching': no deadlines, promoted to a
-- case if its alert rises) or only a notice (state 'noticed': people are told, nothing waits for action).

-- What the case asks of people. Every case before this migration was a case.
alter table cases add column response text not null default 'case'
    constraint cases_response_known check (response in ('case', 'watch', 'notice'));

-- A watch item holds its dedup key like any open case (a rise promotes it rather than opening another);
-- a notice ends at once and holds nothing.
drop index cases_one_open_per_key;
create unique index cases_one_open_per_key on cases (dedup_key)
    where dedup_key is not null and state not in ('closed', 'evaluated', 'voided', 'noticed');
