<h1>Settings</h1>
<p>The organisation's own settings. A change applies from the next page any part of Clearpost serves; nothing needs restarting. Every change is recorded in the audit log.<?cs if:Settings.UpdatedAt ?> Last changed <?cs var:Settings.UpdatedAt ?> UTC by <?cs var:Settings.UpdatedBy ?>.<?cs /if ?></p>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<form method="post" action="/admin/settings" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="version" value="<?cs var:Settings.Version ?>">

  <h2>Organisation</h2>
  <label for="org_name">Organisation name</label>
  <input id="org_name" name="org_name" type="text" maxlength="128" value="<?cs var:Settings.OrgName ?>" placeholder="<?cs var:Defaults.OrgName ?>" aria-describedby="org-hint<?cs if:Errors.OrgName ?> org-error<?cs /if ?>"<?cs if:Errors.OrgName ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="org-hint">Shown at the top of every page and as the title and author of the public feed. Leave it empty for the name in the configuration file (<?cs var:Defaults.OrgName ?>).</p>
  <?cs if:Errors.OrgName ?><p class="field-error" id="org-error"><?cs var:Errors.OrgName ?></p><?cs /if ?>

  <h2>The scanner's allow-list</h2>
  <label for="allow_list">The organisation's own details, never reported as patient information</label>
  <textarea id="allow_list" name="allow_list" rows="10" spellcheck="false" aria-describedby="allow-hint<?cs if:Errors.AllowList ?> allow-error<?cs /if ?>"<?cs if:Errors.AllowList ?> aria-invalid="true"<?cs /if ?>><?cs var:Settings.AllowList ?></textarea>
  <p class="hint" id="allow-hint">One entry per line, as <code>kind: value</code>. Kinds: <code>phone</code> (the hospital's own numbers, e.g. <code>phone: (401) 555-0100</code>), <code>domain</code> (<code>domain: stmaryshealth.org</code>), <code>address</code> (the street address, <code>address: 100 Harbor Way</code>), <code>hashtag</code> (<code>hashtag: #StMarysCares</code>), <code>name</code> (the organisation's and its buildings' names) and <code>handle</code> (its social handles). Lines starting with # are comments. Patients' details never belong here.</p>
  <?cs if:Errors.AllowList ?><p class="field-error" id="allow-error"><?cs var:Errors.AllowList ?></p><?cs /if ?>

  <h2>Sessions</h2>
  <label for="idle_minutes">Sign out after this many idle minutes</label>
  <input id="idle_minutes" name="idle_minutes" type="number" min="5" max="240" step="1" required value="<?cs var:Settings.Idle ?>" aria-describedby="idle-hint<?cs if:Errors.Idle ?> idle-error<?cs /if ?>"<?cs if:Errors.Idle ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="idle-hint">From 5 to 240 minutes; the configuration's default is <?cs var:Defaults.Idle ?>. A session idle for longer ends at its next request.</p>
  <?cs if:Errors.Idle ?><p class="field-error" id="idle-error"><?cs var:Errors.Idle ?></p><?cs /if ?>

  <h2>Records retention</h2>
  <label for="retain_published_days">Keep published records for (days)</label>
  <input id="retain_published_days" name="retain_published_days" type="number" min="365" max="36500" step="1" required value="<?cs var:Settings.Published ?>" aria-describedby="pub-hint<?cs if:Errors.Published ?> pub-error<?cs /if ?>"<?cs if:Errors.Published ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="pub-hint">A post that was approved for publication, with its versions, findings, reviews, the published record, its deliveries and its image, counted from its last change. Default <?cs var:Defaults.Published ?> days.</p>
  <?cs if:Errors.Published ?><p class="field-error" id="pub-error"><?cs var:Errors.Published ?></p><?cs /if ?>
  <label for="retain_drafts_days">Keep rejected, withdrawn and expired drafts for (days)</label>
  <input id="retain_drafts_days" name="retain_drafts_days" type="number" min="30" max="36500" step="1" required value="<?cs var:Settings.Drafts ?>" aria-describedby="drafts-hint<?cs if:Errors.Drafts ?> drafts-error<?cs /if ?>"<?cs if:Errors.Drafts ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="drafts-hint">Posts that never went out, counted from when they were rejected, withdrawn or expired. Default <?cs var:Defaults.Drafts ?> days. Drafts still being written are never deleted.</p>
  <?cs if:Errors.Drafts ?><p class="field-error" id="drafts-error"><?cs var:Errors.Drafts ?></p><?cs /if ?>

  <h2>Legal hold</h2>
  <div class="target"><input type="checkbox" id="legal_hold" name="legal_hold" value="1"<?cs if:Settings.LegalHold == "1" ?> checked<?cs /if ?> aria-describedby="hold-hint"><label for="legal_hold">Hold everything: retention deletes nothing</label></div>
  <p class="hint" id="hold-hint">For litigation or an investigation covering all records. A single post is held from its own page.</p>
  <label for="legal_hold_reason">Reason for the hold</label>
  <input id="legal_hold_reason" name="legal_hold_reason" type="text" maxlength="300" value="<?cs var:Settings.HoldReason ?>"<?cs if:Errors.HoldReason ?> aria-describedby="hold-error" aria-invalid="true"<?cs /if ?>>
  <?cs if:Errors.HoldReason ?><p class="field-error" id="hold-error"><?cs var:Errors.HoldReason ?></p><?cs /if ?>

  <button type="submit" class="primary">Save settings</button>
</form>

<section aria-labelledby="due-h">
<h2 id="due-h">What retention would do now</h2>
<?cs if:Settings.HoldOn == "1" ?>
<p id="retention-due">The global legal hold is on: nothing is deleted.</p>
<?cs else ?>
<p id="retention-due"><?cs var:Due.Published ?> published records and <?cs var:Due.Drafts ?> drafts are past their retention period and would be deleted at the next run (the publisher runs it once a day); <?cs var:Due.Held ?> more are kept on legal hold.</p>
<?cs /if ?>
</section>

<section aria-labelledby="holds-h">
<h2 id="holds-h">Posts on legal hold</h2>
<?cs if:subcount(Holds) ?>
<table>
<caption class="sr-only">Posts retention will not delete, newest hold first</caption>
<thead><tr><th scope="col">Post</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">Since (UTC)</th><th scope="col">By</th></tr></thead>
<tbody>
<?cs each:h = Holds ?>
<tr><td><a href="/review/<?cs var:h.Id ?>"><?cs var:h.Title ?></a></td><td><?cs call:state_label(h.State) ?></td><td><?cs var:h.Reason ?></td><td><?cs var:h.At ?></td><td><?cs var:h.By ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No post is on hold.</p>
<?cs /if ?>
</section>
<p><a href="/admin">Back to administration</a></p>
