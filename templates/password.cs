<section class="narrow">
<h1>Change your password</h1>
<?cs if:User.MustChangePassword ?><p class="notice" role="status" id="must-change">You signed in with a temporary password. Choose your own password to continue: nothing else is available until you do.</p><?cs /if ?>
<form method="post" action="/password" class="stack" id="password-form">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="text" name="username" autocomplete="username" aria-label="User name" value="<?cs var:User.Name ?>" hidden readonly>
  <?cs if:!User.MustChangePassword ?>
  <label for="current">Current password</label>
  <input id="current" name="current" type="password" autocomplete="current-password" required<?cs if:Errors.Current ?> aria-invalid="true" aria-describedby="current-error"<?cs /if ?>>
  <?cs if:Errors.Current ?><p class="field-error" id="current-error" role="alert"><?cs var:Errors.Current ?></p><?cs /if ?>
  <?cs /if ?>
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="<?cs var:Password.MinChars ?>" aria-describedby="password-hint<?cs if:Errors.Password ?> password-error<?cs /if ?>"<?cs if:Errors.Password ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="password-hint">At least <?cs var:Password.MinChars ?> characters, and not your user name. A few unrelated words make a good one.</p>
  <?cs if:Errors.Password ?><p class="field-error" id="password-error" role="alert"><?cs var:Errors.Password ?></p><?cs /if ?>
  <label for="confirm">New password again</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required<?cs if:Errors.Confirm ?> aria-invalid="true" aria-describedby="confirm-error"<?cs /if ?>>
  <?cs if:Errors.Confirm ?><p class="field-error" id="confirm-error" role="alert"><?cs var:Errors.Confirm ?></p><?cs /if ?>
  <button type="submit" class="primary">Change password</button>
</form>
<?cs if:!User.MustChangePassword ?><p class="hint">Changing your password signs you out everywhere else.</p><?cs /if ?>
</section>
