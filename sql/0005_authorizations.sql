-- HIPAA authorizations for patient stories: a post that identifies a
-- patient on purpose needs the patient's signed, unexpired authorization
-- covering what is published, verified by a privacy officer or an admin.
CREATE TABLE authorizations (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient VARCHAR(200) NOT NULL,
  covers ENUM('text', 'photo', 'both') NOT NULL,
  signed_on DATE NOT NULL,
  expires_on DATE NULL,
  form_location VARCHAR(300) NOT NULL,
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  verified_by INT UNSIGNED NULL,
  verified_at DATETIME NULL,
  CONSTRAINT authorizations_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE posts
  ADD COLUMN patient_story TINYINT(1) NOT NULL DEFAULT 0 AFTER targets,
  ADD COLUMN authorization_id INT UNSIGNED NULL AFTER patient_story,
  ADD CONSTRAINT posts_authorization_fk FOREIGN KEY (authorization_id) REFERENCES authorizations (id);
