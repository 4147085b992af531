-- Unsaved drafts posted after the author's session had ended, kept so that
-- signing in again leads back to the text instead of an empty form. Only
-- the hash of the browser's rescue token is stored; rows older than a day
-- are ignored and removed.
CREATE TABLE draft_rescues (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  path VARCHAR(200) NOT NULL,
  form MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  KEY draft_rescues_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
