-- User administration: several roles per user, temporary passwords, the
-- last sign-in.
--
-- users.role becomes a SET: a user holds any non-empty combination of
-- author, reviewer and admin (an author who also reviews, say). A SET and
-- not a user_roles table because the roles are a fixed list of three that
-- the code knows by name, every request reads them with the user's row
-- (no join, no second table to keep in step with users, no orphans), and
-- changing them is one UPDATE of the row the last-administrator check
-- already locks. The column keeps its name so that a one-role user reads
-- exactly as before (role = 'reviewer'); "holds X" is FIND_IN_SET('X', role).
-- Existing values ('author', 'reviewer', 'admin') convert unchanged.
--
-- password_state:
--   chosen          the user's own password
--   temporary       issued by an administrator (new user, reset), not used;
--                   the sign-in that uses it spends it
--   temporary_used  spent: it signs in no more, and the session that spent
--                   it may only set a new password (/password)
ALTER TABLE users
  MODIFY role SET('author', 'reviewer', 'admin') NOT NULL,
  ADD COLUMN password_state ENUM('chosen', 'temporary', 'temporary_used')
    NOT NULL DEFAULT 'chosen' AFTER password_hash,
  ADD COLUMN last_login_at DATETIME NULL AFTER password_changed_at;
