-- Demo content, loaded by src/stack/stack.sh on every start (make run,
-- make start, tests/run.sh) after the migrations and the demo users. It is
-- not a migration and no production install runs it: see
-- sql/0009_policy.sql for why the policy is not shipped as published.
-- Every block checks that its content is missing first, so loading the
-- file again changes nothing. Like the migrations, it writes straight to
-- the database as the operator: no audit entries (the audit log records
-- what people do in the application).

-- A starter social media policy for a health system, published by the demo
-- administrator (adam) as version 1. Demo authors and reviewers must
-- acknowledge it before they submit or approve posts; administrators may
-- edit it on /admin/policy. Written for Clearpost in plain language; an
-- organization adapting it should check it with its own privacy officer.
START TRANSACTION;
SET @by := (SELECT id FROM users WHERE username = 'adam');
SET @seed := @by IS NOT NULL AND (SELECT COUNT(*) FROM policy_pages) = 0
  AND (SELECT version FROM policy_head WHERE id = 1) = 0;

INSERT INTO policy_pages (slug, latest_revision, published_revision, created_by, created_at, updated_at)
  SELECT 'what-we-post', 1, 1, @by, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM DUAL WHERE @seed;
INSERT INTO policy_revisions (page_id, revision, title, slug, body, note, editor_id, created_at)
  SELECT id, 1, 'What staff may post', slug,
'This policy covers everything published on the health system''s official social media accounts, and everything written in Clearpost. It applies to communications staff, privacy officers and anyone else who drafts posts.

## What we post

Good posts help people look after their health and use our services well. For example:

- health information that is accurate, up to date and from a source a clinician would trust, such as flu vaccine reminders, heat safety tips or screening programs;
- news about our services: opening hours, new clinics, parking, visiting rules, closures;
- events, campaigns and job openings;
- thanks and recognition for staff and volunteers, with their agreement;
- patient stories, **only** with the patient''s written authorization (see "Patient privacy").

## What we do not post

- Anything that could identify a patient without their written authorization.
- Personal opinions on politics, religion or other divisive topics, or endorsements of products and companies.
- Health claims we have not checked. If you cannot name the source, do not post it.
- Complaints about, or criticism of, patients, colleagues or other organizations.
- Confidential business information: contracts, incidents under investigation, staffing problems.
- Photos, videos or music we do not have the right to use.

## Before anything goes out

Every post is drafted in Clearpost and approved by a privacy officer before it is published. Do not post directly on a platform, not even "just this once". In an emergency (a closure, a public health alert) ask the communications lead: they can arrange a quick review.

When in doubt, leave it out and ask.
',
  'Starter policy', @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE slug = 'what-we-post' AND @seed;

INSERT INTO policy_pages (slug, latest_revision, published_revision, created_by, created_at, updated_at)
  SELECT 'patient-privacy', 1, 1, @by, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM DUAL WHERE @seed;
INSERT INTO policy_revisions (page_id, revision, title, slug, body, note, editor_id, created_at)
  SELECT id, 1, 'Patient privacy: nothing without written consent', slug,
'Patients trust us with their health. Posting anything that identifies them without their permission breaks that trust and the law (in the United States, HIPAA).

## Never post without written authorization

- patients'' names, initials or nicknames;
- photos or videos in which a patient can be recognized: a face, a tattoo, a voice, a name band, a room number, or a screen or chart in the background;
- dates of birth, admission, discharge or death, and ages over 89;
- addresses, phone numbers, email addresses, medical record or account numbers;
- details of a rare condition, an unusual injury or a news event that would let people work out who the patient is, even without a name.

Clearpost''s scanner flags much of this, but it cannot catch everything. You are responsible for what you write.

## When a patient agrees

A patient, or their legal representative, may agree to share their story. Before the post is submitted:

1. The patient signs the organization''s HIPAA authorization form. A verbal "yes" is not enough.
2. You record the authorization in Clearpost (who signed, what it covers: text, photo or both, and until when) and mark the post as a patient story.
3. A privacy officer checks the record against the signed form.

Post only what the form covers, and nothing after it expires or is withdrawn. If a patient withdraws their consent, tell the privacy officer the same day so the post can be taken down.

## Photos taken on our premises

Check every photo before you use it: look at the background, screens, whiteboards, wristbands and reflections. If anyone else in the picture could be a patient, do not use it.

## If something goes wrong

If you think patient information has been posted, tell the privacy officer straight away. Do not wait, and do not try to fix it quietly: acting fast limits the harm.
',
  'Starter policy', @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE slug = 'patient-privacy' AND @seed;

INSERT INTO policy_pages (slug, latest_revision, published_revision, created_by, created_at, updated_at)
  SELECT 'medical-questions', 1, 1, @by, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM DUAL WHERE @seed;
INSERT INTO policy_revisions (page_id, revision, title, slug, body, note, editor_id, created_at)
  SELECT id, 1, 'When people ask for medical advice in public', slug,
'People often ask health questions in comments and replies: "Is this rash serious?", "Should I stop taking my tablets?". We care about them, but a public reply is the wrong place for medical advice.

## What to do

- **Never give personal medical advice in public**, and never ask anyone to share symptoms, test results or other health details in a comment.
- Reply kindly and move the conversation to a private, secure channel, for example:

  > Thank you for reaching out. We can''t give medical advice here, and we want to protect your privacy. Please call our nurse line or send a message through the patient portal, and a clinician will help you.

- If someone describes an emergency, such as chest pain, trouble breathing, or thoughts of suicide or self-harm, reply at once: tell them to call 911 (or their local emergency number) or go to the nearest emergency department, and tell your manager.
- Never confirm or deny that someone is, or was, our patient, even if they say so themselves. For example: "We''re sorry to hear about your experience. Please contact our patient relations team so we can look into it."

## Direct messages

Direct messages on social platforms are not secure. Use them only to point people to the nurse line or the patient portal. Never discuss anyone''s care in a direct message.

## Complaints

Answer a complaint once, politely, and move it to patient relations. Do not argue in public. Hide or delete a comment only when it breaks the platform''s rules or exposes someone''s health information, and record what you did and why (see "Keeping records").
',
  'Starter policy', @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE slug = 'medical-questions' AND @seed;

INSERT INTO policy_pages (slug, latest_revision, published_revision, created_by, created_at, updated_at)
  SELECT 'official-accounts', 1, 1, @by, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM DUAL WHERE @seed;
INSERT INTO policy_revisions (page_id, revision, title, slug, body, note, editor_id, created_at)
  SELECT id, 1, 'Official accounts are registered with Communications', slug,
'Every account that speaks for the health system, whether a hospital page, a clinic''s account or a campaign, must be registered with the communications team.

## The rules

- **Register before you create.** Ask communications before you open any account that uses our name, our logo or the name of one of our services. Communications records each official account in Clearpost''s register with its owner and its purpose; only registered accounts can be posted to. Accounts opened without registration will be closed or taken over.
- **Accounts belong to the organization, not to a person.** Sign up with a shared team address, never a personal email address or phone number.
- **Communications keeps the credentials.** Passwords and recovery codes are kept in Clearpost''s encrypted account settings or the team''s password manager, never in spreadsheets, chats or notebooks. Turn on two-factor authentication wherever the platform offers it.
- **Publish through Clearpost.** Connected accounts receive only approved posts. Do not give other tools or agencies access without the agreement of communications.
- **When someone leaves the team**, communications removes their access the same day and changes every password they knew.
- **Personal accounts are personal.** If you mention your work on your own accounts, say that the views are your own. The rules in "Patient privacy" apply there too, on and off duty.

If you find an account pretending to be us, or an old account that nobody manages, report it to communications.
',
  'Starter policy', @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE slug = 'official-accounts' AND @seed;

INSERT INTO policy_pages (slug, latest_revision, published_revision, created_by, created_at, updated_at)
  SELECT 'records', 1, 1, @by, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM DUAL WHERE @seed;
INSERT INTO policy_revisions (page_id, revision, title, slug, body, note, editor_id, created_at)
  SELECT id, 1, 'Keeping records', slug,
'What we publish is a public statement by the health system, so we keep a complete record of it.

## What is kept

Clearpost keeps every draft and every revision, the scanner''s findings, every approval and rejection with its reason, what was published where and when, and an audit log of who did what. Nobody can change these records from the application. They are deleted only when the retention period set by administrators has passed, and never while a legal hold applies.

## What you must do

- **Do not delete a published post to hide a mistake.** If a post is wrong, withdraw or correct it through Clearpost, so that the record shows what happened. If it contains patient information, tell the privacy officer at once (see "Patient privacy").
- **Keep comments and messages that matter.** If you hide or remove a comment, or receive a complaint, record what it said, when, and what you did.
- **Keep patient authorizations.** Signed HIPAA authorizations are kept for at least six years from the date they were signed or were last in effect, whichever is later. Record in Clearpost where each signed form is kept.
- **Keep this policy.** Every version of this policy and every staff acknowledgement is kept, so we can show who had agreed to which rules at any time.

Records are kept for as long as the organization''s records retention schedule requires, and longer when they are needed for a complaint, an investigation or a legal hold. If you are unsure, ask the records manager.
',
  'Starter policy', @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE slug = 'records' AND @seed;

INSERT INTO policy_versions (version, page_id, revision, note, created_by, created_at)
  SELECT 1, id, 1, 'The starter policy', @by, UTC_TIMESTAMP(6)
  FROM policy_pages WHERE slug = 'what-we-post' AND @seed;
INSERT INTO policy_publications (page_id, revision, kind, version, published_by, published_at)
  SELECT id, 1, 'material', 1, @by, UTC_TIMESTAMP(6) FROM policy_pages WHERE @seed ORDER BY id;
UPDATE policy_head SET version = 1 WHERE id = 1 AND @seed;
COMMIT;
