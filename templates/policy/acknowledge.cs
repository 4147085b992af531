<h1>Read and acknowledge the social media policy</h1>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<?cs if:Policy.Version == "0" ?>
<p class="empty">No policy has been published yet, so there is nothing to acknowledge.</p>
<?cs else ?>
<?cs call:ack_status() ?>
<?cs if:Ack.Changed != "0" ?>
<section class="diff-box" aria-labelledby="changes-h">
<h2 id="changes-h">What changed since you acknowledged version <?cs var:Policy.AckVersion ?></h2>
<?cs if:subcount(Ack.Versions) ?><ul>
<?cs each:v = Ack.Versions ?><li>Version <?cs var:v.Version ?> (<?cs var:v.At ?>): “<?cs var:v.Page ?>”<?cs if:v.Note ?> — <?cs var:v.Note ?><?cs /if ?></li>
<?cs /each ?></ul><?cs /if ?>
<?cs each:p = Ack.Pages ?><?cs if:p.Changed == "1" ?>
<h3><?cs var:p.Title ?></h3>
<?cs if:p.New == "1" ?><p>A new page: read it in full below.</p>
<?cs else ?><?cs if:p.OldTitle ?><p>Renamed from “<?cs var:p.OldTitle ?>”.</p><?cs /if ?>
<?cs call:word_diff(p.Diff) ?><?cs /if ?>
<?cs /if ?><?cs /each ?>
</section>
<?cs elif:Policy.Reason == "first" ?>
<p>Please read the whole policy below. It takes a few minutes.</p>
<?cs /if ?>
<section aria-labelledby="policy-h">
<h2 id="policy-h">The policy, version <?cs var:Policy.Version ?></h2>
<?cs each:p = Ack.Pages ?>
<article class="policy-text" id="page-<?cs var:p.Slug ?>">
<h3><?cs var:p.Title ?></h3>
<?cs uvar:p.Body_html ?>
</article>
<?cs /each ?>
</section>
<form method="post" action="/policy/acknowledge" class="decide stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="version" value="<?cs var:Policy.Version ?>">
  <?cs if:Ack.Next ?><input type="hidden" name="next" value="<?cs var:Ack.Next ?>"><?cs /if ?>
  <p>By confirming you state that you have read version <?cs var:Policy.Version ?> of the policy and will follow it. Your confirmation is recorded with the date.</p>
  <button type="submit" class="primary">I have read and will follow this policy</button>
</form>
<?cs /if ?>
