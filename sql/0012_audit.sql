-- The audit log viewer filters by actor and by action and pages by id:
-- each index ends in the primary key (InnoDB adds it), so a filtered page
-- is one range scan however long the log grows. The list of actions is
-- read from audit_action alone.
ALTER TABLE audit_log
  ADD KEY audit_actor (actor_name),
  ADD KEY audit_action (action);
