<h1><?cs if:Post.Id ?><?cs var:Post.Title ?><?cs else ?>New post<?cs /if ?></h1>
<?cs if:Post.Id ?><p class="meta">State: <span class="state state-<?cs var:Post.State ?>"><?cs call:state_label(Post.State) ?></span> · version <?cs var:Post.Version ?><?cs if:Post.Updated ?> · last change <?cs var:Post.Updated ?> UTC<?cs /if ?></p><?cs /if ?>
<?cs call:deliveries(Post.Deliveries) ?>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<?cs if:Post.State == "rejected" && Post.RejectReason ?><div class="rejected" role="note"><h2>Rejected by the privacy officer</h2><p><?cs var:Post.RejectReason ?></p><p>Editing the post returns it to draft.</p></div><?cs /if ?>
<?cs if:!Post.Id || Post.Editable || Errors.Form ?>
<form method="post" enctype="multipart/form-data" action="<?cs if:Post.Id ?>/posts/<?cs var:Post.Id ?><?cs else ?>/posts/new<?cs /if ?>" class="stack post-form" id="post-form">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:Post.Version ?><input type="hidden" name="version" value="<?cs var:Post.Version ?>"><?cs /if ?>
  <label for="title">Title <span class="hint">(internal, never posted)</span></label>
  <input id="title" name="title" type="text" maxlength="400" required value="<?cs var:Post.Title ?>"<?cs if:Errors.Title ?> aria-invalid="true" aria-describedby="title-error"<?cs /if ?>>
  <?cs if:Errors.Title ?><p class="field-error" id="title-error"><?cs var:Errors.Title ?></p><?cs /if ?>
  <label for="body">Text</label>
  <textarea id="body" name="body" rows="8" required<?cs if:Errors.Body ?> aria-invalid="true" aria-describedby="body-error"<?cs /if ?>><?cs var:Post.Body ?></textarea>
  <?cs if:Errors.Body ?><p class="field-error" id="body-error"><?cs var:Errors.Body ?></p><?cs /if ?>
  <div id="live" class="live" hidden>
    <p class="live-status" id="live-status" role="status" aria-live="polite"></p>
    <div class="post-text" id="live-preview" aria-label="Live preview with findings highlighted"></div>
  </div>
  <fieldset<?cs if:Errors.Targets ?> aria-describedby="targets-error"<?cs /if ?>>
    <legend>Post to</legend>
    <?cs each:a = Accounts ?>
    <div class="target"><input type="checkbox" id="target-<?cs var:a.Id ?>" name="target" value="<?cs var:a.Id ?>"<?cs if:a.Checked == "1" ?> checked<?cs /if ?>>
      <label for="target-<?cs var:a.Id ?>"><?cs var:a.Name ?></label>
      <?cs if:a.Limit != "0" ?><span class="count<?cs if:a.Over == "1" ?> over<?cs /if ?>" data-account="<?cs var:a.Id ?>" data-limit="<?cs var:a.Limit ?>"><?cs var:a.Length ?>/<?cs var:a.Limit ?> <?cs var:a.Unit ?></span><?cs /if ?>
    </div>
    <?cs /each ?>
    <?cs if:Errors.Targets ?><p class="field-error" id="targets-error"><?cs var:Errors.Targets ?></p><?cs /if ?>
  </fieldset>
  <fieldset class="image">
    <legend>Image (optional)</legend>
    <?cs if:Post.MediaId && Post.MediaId != "0" ?><img class="preview" src="/posts/media/<?cs var:Post.MediaId ?>" alt="<?cs var:Post.AltText ?>">
    <div class="target"><input type="checkbox" id="remove_image" name="remove_image" value="1"><label for="remove_image">Remove this image</label></div><?cs /if ?>
    <label for="image">JPEG or PNG, up to 5 MB; location and camera data are removed before it is stored</label>
    <input id="image" name="image" type="file" accept="image/jpeg,image/png"<?cs if:Errors.Image ?> aria-invalid="true" aria-describedby="image-error"<?cs /if ?>>
    <?cs if:Errors.Image ?><p class="field-error" id="image-error"><?cs var:Errors.Image ?></p><?cs /if ?>
    <label for="alt_text">Image description (alt text, required with an image)</label>
    <textarea id="alt_text" name="alt_text" rows="2" maxlength="1000"<?cs if:Errors.AltText ?> aria-invalid="true" aria-describedby="alt-error"<?cs /if ?>><?cs var:Post.AltText ?></textarea>
    <?cs if:Errors.AltText ?><p class="field-error" id="alt-error"><?cs var:Errors.AltText ?></p><?cs /if ?>
  </fieldset>
  <fieldset class="story"<?cs if:Errors.Story ?> aria-describedby="story-error"<?cs /if ?>>
    <legend>Patient story</legend>
    <div class="target"><input type="checkbox" id="patient_story" name="patient_story" value="1"<?cs if:Post.Story == "1" ?> checked<?cs /if ?>>
      <label for="patient_story">This post identifies a patient on purpose (with their written authorization)</label></div>
    <label for="authorization_id">Authorization</label>
    <select id="authorization_id" name="authorization_id">
      <option value="">none</option>
      <?cs each:a = Auths ?><option value="<?cs var:a.Id ?>"<?cs if:Post.AuthId == a.Id ?> selected<?cs /if ?>><?cs var:a.Patient ?> — covers <?cs var:a.Covers ?>, signed <?cs var:a.Signed ?><?cs if:a.Expires ?>, expires <?cs var:a.Expires ?><?cs /if ?><?cs if:a.Verified == "0" ?> (not verified yet)<?cs /if ?><?cs if:a.Expired == "1" ?> (expired)<?cs /if ?></option><?cs /each ?>
    </select>
    <?cs if:Errors.Story ?><p class="field-error" id="story-error"><?cs var:Errors.Story ?></p><?cs /if ?>
    <p class="hint"><a href="/posts/authorizations/new">Record a new authorization</a></p>
  </fieldset>
  <label for="scheduled_at">Publish at <span class="hint">(UTC; leave empty to publish once approved)</span></label>
  <input id="scheduled_at" name="scheduled_at" type="datetime-local" value="<?cs var:Post.ScheduledInput ?>"<?cs if:Errors.Schedule ?> aria-invalid="true" aria-describedby="schedule-error"<?cs /if ?>>
  <?cs if:Errors.Schedule ?><p class="field-error" id="schedule-error"><?cs var:Errors.Schedule ?></p><?cs /if ?>
  <button type="submit" class="primary">Save</button>
</form>
<?cs /if ?>
<?cs if:subcount(Post.Seg) || subcount(Post.Findings) ?>
<section class="scan" aria-labelledby="scan-h">
  <h2 id="scan-h">What the scanner sees<?cs if:Post.Blocks != "0" ?> — <?cs var:Post.Blocks ?> to fix or explain<?cs /if ?></h2>
  <?cs call:highlighted(Post.Seg) ?>
  <?cs call:findings_list(Post.Findings) ?>
</section>
<?cs /if ?>
<?cs if:Post.Id && Post.State == "draft" && !Errors.Title && !Errors.Body ?>
<form method="post" action="/posts/<?cs var:Post.Id ?>/submit" class="stack submit-form">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="version" value="<?cs var:Post.Version ?>">
  <?cs each:x = Post.Findings ?><?cs if:x.Sev == "block" ?>
  <label for="override-<?cs var:x.Idx ?>">“<?cs var:x.Text ?>” (<?cs var:x.Cat ?>) is not patient information because…</label>
  <input id="override-<?cs var:x.Idx ?>" name="override_<?cs var:x.Idx ?>" type="text" maxlength="300"<?cs if:Errors.Override[x.Idx] ?> aria-invalid="true" aria-describedby="override-error-<?cs var:x.Idx ?>"<?cs /if ?>>
  <?cs if:Errors.Override[x.Idx] ?><p class="field-error" id="override-error-<?cs var:x.Idx ?>"><?cs var:Errors.Override[x.Idx] ?></p><?cs /if ?>
  <?cs /if ?><?cs /each ?>
  <button type="submit" class="primary">Submit for review</button>
</form>
<?cs /if ?>
<?cs if:Post.Id && (Post.State == "draft" || Post.State == "in_review" || Post.State == "approved" || Post.State == "rejected" || Post.State == "expired") ?>
<form method="post" action="/posts/<?cs var:Post.Id ?>/withdraw" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="danger">Withdraw</button>
</form>
<?cs /if ?>
<p><a href="/posts">Back to my posts</a></p>
