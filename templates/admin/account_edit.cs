<h1><?cs if:Account.Id ?><?cs var:Account.Name ?><?cs else ?>New <?cs var:Account.Title ?> account<?cs /if ?></h1>
<?cs if:Account.Id ?><p class="meta"><?cs var:Account.Title ?> · state: <span class="state state-<?cs var:Account.State ?>"><?cs call:account_state(Account.State) ?></span></p>
<?cs if:Account.State == "reauth" ?><p class="error" role="note">The platform refused this account's credentials. Enter new ones below: saving them makes the account active again.</p><?cs /if ?><?cs /if ?>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<form method="post" action="<?cs if:Account.Id ?>/admin/accounts/<?cs var:Account.Id ?><?cs else ?>/admin/accounts<?cs /if ?>" class="stack" autocomplete="off">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:!Account.Id ?><input type="hidden" name="platform" value="<?cs var:Account.Platform ?>"><?cs /if ?>
  <label for="name">Name</label>
  <input id="name" name="name" type="text" maxlength="100" required value="<?cs var:Account.Name ?>" aria-describedby="name-hint<?cs if:Errors.Name ?> name-error<?cs /if ?>"<?cs if:Errors.Name ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="name-hint">Authors see it when they choose where to post.</p>
  <?cs if:Errors.Name ?><p class="field-error" id="name-error"><?cs var:Errors.Name ?></p><?cs /if ?>
  <?cs each:f = Fields ?><?cs if:f.Secret == "0" ?>
  <label for="f-<?cs var:f.Key ?>"><?cs var:f.Label ?><?cs if:f.Required == "0" ?> <span class="hint">(optional)</span><?cs /if ?></label>
  <input id="f-<?cs var:f.Key ?>" name="<?cs var:f.Key ?>" type="<?cs var:f.Type ?>" value="<?cs var:f.Value ?>"<?cs if:f.Required == "1" ?> required<?cs /if ?> spellcheck="false"<?cs if:f.Hint || f.Error ?> aria-describedby="<?cs if:f.Hint ?><?cs var:f.Key ?>-hint<?cs /if ?><?cs if:f.Hint && f.Error ?> <?cs /if ?><?cs if:f.Error ?><?cs var:f.Key ?>-error<?cs /if ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:f.Hint ?><p class="hint" id="<?cs var:f.Key ?>-hint"><?cs var:f.Hint ?></p><?cs /if ?>
  <?cs if:f.Error ?><p class="field-error" id="<?cs var:f.Key ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
  <?cs /if ?><?cs /each ?>
  <?cs if:Account.Generated == "1" ?>
  <fieldset aria-describedby="secret-note">
    <legend>Signing secret</legend>
    <?cs if:Account.Id ?>
    <p class="hint" id="secret-note"><?cs if:Account.HasCredentials == "1" ?>Secret saved <?cs var:Account.CredentialsAt ?> UTC. It is never shown again.<?cs else ?>No secret is saved.<?cs /if ?> A new one is shown once, after saving; the receiver must then be given it.</p>
    <div class="target"><input type="checkbox" id="new_secret" name="new_secret" value="1"><label for="new_secret">Generate a new secret</label></div>
    <?cs else ?>
    <p class="hint" id="secret-note">Clearpost generates the secret when you save and shows it once, for you to configure on the receiver.</p>
    <?cs /if ?>
  </fieldset>
  <?cs elif:Account.NeedsCredentials == "1" ?>
  <fieldset aria-describedby="secrets-note<?cs if:Errors.Secrets ?> secrets-error<?cs /if ?>">
    <legend>Credentials</legend>
    <p class="hint" id="secrets-note"><?cs if:Account.HasCredentials == "1" ?>Credentials saved <?cs var:Account.CredentialsAt ?> UTC — enter new ones to replace them (all fields together); leave these empty to keep them.<?cs else ?>Stored encrypted and never shown again after saving.<?cs /if ?></p>
    <?cs if:Errors.Secrets ?><p class="field-error" id="secrets-error"><?cs var:Errors.Secrets ?></p><?cs /if ?>
    <?cs each:f = Fields ?><?cs if:f.Secret == "1" ?>
    <label for="f-<?cs var:f.Key ?>"><?cs var:f.Label ?></label>
    <input id="f-<?cs var:f.Key ?>" name="<?cs var:f.Key ?>" type="password" autocomplete="new-password" spellcheck="false"<?cs if:!Account.Id || Account.HasCredentials != "1" ?> required<?cs /if ?><?cs if:f.Hint || f.Error ?> aria-describedby="<?cs if:f.Hint ?><?cs var:f.Key ?>-hint<?cs /if ?><?cs if:f.Hint && f.Error ?> <?cs /if ?><?cs if:f.Error ?><?cs var:f.Key ?>-error<?cs /if ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>>
    <?cs if:f.Hint ?><p class="hint" id="<?cs var:f.Key ?>-hint"><?cs var:f.Hint ?></p><?cs /if ?>
    <?cs if:f.Error ?><p class="field-error" id="<?cs var:f.Key ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
    <?cs /if ?><?cs /each ?>
  </fieldset>
  <?cs /if ?>
  <button type="submit" class="primary"><?cs if:Account.Id ?>Save<?cs else ?>Add account<?cs /if ?></button>
</form>
<?cs if:Account.Id ?>
<section aria-labelledby="register-h" class="decide">
<h2 id="register-h">Official use</h2>
<?cs if:Register.On == "1" ?>
<p id="register-state">Registered for official use on <?cs var:Register.At ?> UTC by <?cs var:Register.By ?>. Owner: <strong><?cs var:Register.Owner ?></strong>. Purpose: <?cs var:Register.Purpose ?></p>
<?cs else ?>
<p id="register-state" class="error" role="note">Not registered: authors cannot choose this account and nothing is published to it until an administrator registers it, naming who owns it and what it is for.</p>
<?cs /if ?>
<?cs if:Errors.Register ?><p class="error" role="alert"><?cs var:Errors.Register ?></p><?cs /if ?>
<form method="post" action="/admin/accounts/<?cs var:Account.Id ?>/register" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <label for="owner">Owner</label>
  <input id="owner" name="owner" type="text" maxlength="200" required value="<?cs var:Register.Owner ?>" aria-describedby="owner-hint<?cs if:Errors.Owner ?> owner-error<?cs /if ?>"<?cs if:Errors.Owner ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="owner-hint">The person or team answerable for the account, e.g. Communications.</p>
  <?cs if:Errors.Owner ?><p class="field-error" id="owner-error"><?cs var:Errors.Owner ?></p><?cs /if ?>
  <label for="purpose">Purpose</label>
  <input id="purpose" name="purpose" type="text" maxlength="500" required value="<?cs var:Register.Purpose ?>" aria-describedby="purpose-hint<?cs if:Errors.Purpose ?> purpose-error<?cs /if ?>"<?cs if:Errors.Purpose ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="purpose-hint">What the organisation publishes there, e.g. health education for the public.</p>
  <?cs if:Errors.Purpose ?><p class="field-error" id="purpose-error"><?cs var:Errors.Purpose ?></p><?cs /if ?>
  <button type="submit" class="primary"><?cs if:Register.On == "1" ?>Update the register<?cs else ?>Register for official use<?cs /if ?></button>
</form>
<?cs if:Register.On == "1" ?>
<form method="post" action="/admin/accounts/<?cs var:Account.Id ?>/unregister" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="danger">Remove from the register</button>
</form>
<?cs /if ?>
</section>
<section aria-labelledby="conn-h" class="decide">
<h2 id="conn-h">Connection</h2>
<p id="last-test"><?cs if:Account.TestAt ?>Last test <?cs var:Account.TestAt ?> UTC: <strong><?cs if:Account.TestOk == "1" ?>ok<?cs else ?>failed<?cs /if ?></strong> — <?cs var:Account.TestDetail ?><?cs else ?>Not tested yet.<?cs /if ?></p>
<form method="post" action="/admin/accounts/<?cs var:Account.Id ?>/test" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit">Test connection</button>
</form>
<?cs if:Account.State == "disabled" ?>
<form method="post" action="/admin/accounts/<?cs var:Account.Id ?>/enable" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit">Enable</button>
</form>
<?cs else ?>
<form method="post" action="/admin/accounts/<?cs var:Account.Id ?>/disable" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="danger">Disable</button>
</form>
<?cs /if ?>
</section>
<?cs /if ?>
<p><a href="/admin/accounts">Back to accounts</a></p>
