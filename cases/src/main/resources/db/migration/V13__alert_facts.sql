-- The facts of the latest alert revision joined to a case (named figures with units and thresholds, and words), so
-- that its title and summary are rendered at read time in the reader's language. Null for cases by hand and for cases
-- opened before alerts carried facts (those keep their stored title).
alter table cases add column alert_facts jsonb;
