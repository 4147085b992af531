<h1><?cs if:Doc.Id ?>Edit “<?cs var:Form.Title ?>”<?cs else ?>New policy page<?cs /if ?></h1>
<?cs if:Doc.Id ?><p class="meta">Revision <?cs var:Doc.Latest ?><?cs if:Doc.Editor ?>, saved <?cs var:Doc.At ?> UTC by <?cs var:Doc.Editor ?><?cs /if ?> · <?cs if:Doc.Published == "0" ?>never published<?cs elif:Doc.Published == Doc.Latest ?>published<?cs else ?>revision <?cs var:Doc.Published ?> is published; revision <?cs var:Doc.Latest ?> is a draft<?cs /if ?> · <a href="/admin/policy/<?cs var:Doc.Id ?>/history">History</a><?cs if:Doc.Published != "0" ?> · <a href="/policy/public/<?cs var:Doc.Slug ?>">Public copy</a><?cs /if ?></p><?cs /if ?>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<form method="post" action="<?cs if:Doc.Id ?>/admin/policy/<?cs var:Doc.Id ?><?cs else ?>/admin/policy/new<?cs /if ?>" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:Doc.Id ?><input type="hidden" name="revision" value="<?cs var:Form.Revision ?>"><?cs /if ?>
  <label for="title">Title</label>
  <input id="title" name="title" type="text" maxlength="200" required value="<?cs var:Form.Title ?>"<?cs if:Errors.Title ?> aria-invalid="true" aria-describedby="title-error"<?cs /if ?>>
  <?cs if:Errors.Title ?><p class="field-error" id="title-error"><?cs var:Errors.Title ?></p><?cs /if ?>
  <label for="slug">Address</label>
  <input id="slug" name="slug" type="text" maxlength="64" required spellcheck="false" value="<?cs var:Form.Slug ?>" aria-describedby="slug-hint<?cs if:Errors.Slug ?> slug-error<?cs /if ?>"<?cs if:Errors.Slug ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="slug-hint">Lower-case letters, digits and hyphens, e.g. patient-privacy. Staff read the page at /policy/&lt;address&gt;; anyone can read it at /policy/public/&lt;address&gt; once it is published.</p>
  <?cs if:Errors.Slug ?><p class="field-error" id="slug-error"><?cs var:Errors.Slug ?></p><?cs /if ?>
  <label for="body">Text (Markdown)</label>
  <textarea id="body" name="body" rows="18" required maxlength="40000" aria-describedby="body-hint<?cs if:Errors.Body ?> body-error<?cs /if ?>"<?cs if:Errors.Body ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.Body ?></textarea>
  <p class="hint" id="body-hint">CommonMark: a blank line between paragraphs, ## for a heading, - for a list item, **bold**, [words](https://…) for a link. HTML is not allowed and is left out.</p>
  <?cs if:Errors.Body ?><p class="field-error" id="body-error"><?cs var:Errors.Body ?></p><?cs /if ?>
  <label for="note">Summary of the change <span class="hint">(optional)</span></label>
  <input id="note" name="note" type="text" maxlength="300" value="<?cs var:Form.Note ?>" aria-describedby="note-hint<?cs if:Errors.Note ?> note-error<?cs /if ?>"<?cs if:Errors.Note ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="note-hint">Shown in the history, and to staff when the change needs their acknowledgement.</p>
  <?cs if:Errors.Note ?><p class="field-error" id="note-error"><?cs var:Errors.Note ?></p><?cs /if ?>
  <fieldset>
    <legend>When you save</legend>
    <div class="target"><input type="radio" id="act-draft" name="action" value="draft"<?cs if:Form.Action == "draft" ?> checked<?cs /if ?>><label for="act-draft">Keep it as a draft: staff go on seeing the published version</label></div>
    <div class="target"><input type="radio" id="act-minor" name="action" value="minor"<?cs if:Form.Action == "minor" ?> checked<?cs /if ?>><label for="act-minor">Publish as a minor edit (wording, typos, links): nobody is asked to read it again</label></div>
    <div class="target"><input type="radio" id="act-material" name="action" value="material"<?cs if:Form.Action == "material" ?> checked<?cs /if ?>><label for="act-material">Publish as a change that needs re-acknowledgement: the policy version goes up, and authors and reviewers must read and acknowledge it before they submit or approve again</label></div>
  </fieldset>
  <button type="submit" class="primary">Save</button>
</form>
<?cs if:Doc.Preview_html ?>
<section class="decide" aria-labelledby="preview-h">
<h2 id="preview-h">Revision <?cs var:Doc.Latest ?> as staff will see it</h2>
<article class="policy-text"><h3><?cs var:Doc.PreviewTitle ?></h3><?cs uvar:Doc.Preview_html ?></article>
</section>
<?cs /if ?>
<p><a href="/admin/policy">Back to the policy pages</a></p>
