<h1>Record a patient's authorization</h1>
<p>For a patient story (a post that identifies a patient on purpose) HIPAA requires the patient's written authorization. Record what the signed form says; a privacy officer verifies it against the form before any such post can be approved.</p>
<form method="post" action="/posts/authorizations/new" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <label for="patient">Patient (as written on the form)</label>
  <input id="patient" name="patient" type="text" maxlength="200" required value="<?cs var:Auth.Patient ?>"<?cs if:Errors.Patient ?> aria-invalid="true" aria-describedby="patient-error"<?cs /if ?>>
  <?cs if:Errors.Patient ?><p class="field-error" id="patient-error"><?cs var:Errors.Patient ?></p><?cs /if ?>
  <label for="covers">It covers</label>
  <select id="covers" name="covers">
    <option value="text"<?cs if:Auth.Covers == "text" ?> selected<?cs /if ?>>text only</option>
    <option value="photo"<?cs if:Auth.Covers == "photo" ?> selected<?cs /if ?>>photo only</option>
    <option value="both"<?cs if:Auth.Covers == "both" ?> selected<?cs /if ?>>text and photo</option>
  </select>
  <label for="signed_on">Signed on (YYYY-MM-DD)</label>
  <input id="signed_on" name="signed_on" type="date" required value="<?cs var:Auth.Signed ?>"<?cs if:Errors.Signed ?> aria-invalid="true" aria-describedby="signed-error"<?cs /if ?>>
  <?cs if:Errors.Signed ?><p class="field-error" id="signed-error"><?cs var:Errors.Signed ?></p><?cs /if ?>
  <label for="expires_on">Expires on (leave empty if it does not expire)</label>
  <input id="expires_on" name="expires_on" type="date" value="<?cs var:Auth.Expires ?>"<?cs if:Errors.Expires ?> aria-invalid="true" aria-describedby="expires-error"<?cs /if ?>>
  <?cs if:Errors.Expires ?><p class="field-error" id="expires-error"><?cs var:Errors.Expires ?></p><?cs /if ?>
  <label for="location">Where the signed form is kept</label>
  <input id="location" name="location" type="text" maxlength="300" required value="<?cs var:Auth.Location ?>"<?cs if:Errors.Location ?> aria-invalid="true" aria-describedby="location-error"<?cs /if ?>>
  <?cs if:Errors.Location ?><p class="field-error" id="location-error"><?cs var:Errors.Location ?></p><?cs /if ?>
  <button type="submit" class="primary">Record</button>
</form>
<p><a href="/posts">Back to my posts</a></p>
