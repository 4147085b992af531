<section class="narrow">
<h1>Sign in</h1>
<?cs if:Login.Rescued ?><p class="notice" role="status">Your session ended before you saved. The text you were editing was kept: sign in to get back to it.</p><?cs elif:Login.Expired ?><p class="notice" role="status">Your session ended. Please sign in again.</p><?cs /if ?>
<?cs if:Login.Error ?><p class="error" role="alert" id="login-error"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:Login.Csrf ?>">
  <?cs if:Login.Next ?><input type="hidden" name="next" value="<?cs var:Login.Next ?>"><?cs /if ?>
  <label for="username">User name</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="<?cs var:Login.Username ?>"<?cs if:Login.Error ?> aria-describedby="login-error"<?cs /if ?> autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit" class="primary">Sign in</button>
</form>
</section>
