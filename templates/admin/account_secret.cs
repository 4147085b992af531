<h1>Signing secret of <?cs var:Account.Name ?></h1>
<p class="notice" role="status">Saved. Copy this secret now and configure it on the receiver: this is the only time Clearpost shows it.</p>
<div class="stack">
  <label for="secret">Signing secret (Standard Webhooks)</label>
  <input id="secret" type="text" readonly spellcheck="false" value="<?cs var:Secret ?>" aria-describedby="secret-hint">
  <p class="hint" id="secret-hint">The receiver checks each request's webhook-signature header with it. If it is lost, generate a new one on the account's page.</p>
</div>
<p><a href="/admin/accounts/<?cs var:Account.Id ?>">Go to the account</a> · <a href="/admin/accounts">Back to accounts</a></p>
