-- When an account's credentials were last stored (typed by an admin, or a
-- session the platform renewed), so the admin's edit page can say
-- "credentials saved <date>" without ever showing them.
ALTER TABLE accounts
  ADD COLUMN credentials_at DATETIME NULL AFTER credentials;
