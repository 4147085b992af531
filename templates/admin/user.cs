<h1><?cs var:Target.Name ?></h1>
<p class="meta">Roles: <span id="roles"><?cs var:Target.RoleList ?></span> · status: <strong id="status"><?cs if:Target.Active == "1" ?>active<?cs else ?>disabled<?cs /if ?></strong> · last sign-in: <?cs if:Target.LastLogin ?><?cs var:Target.LastLogin ?> UTC<?cs else ?>never<?cs /if ?><?cs if:Target.PasswordState == "temporary" ?> · temporary password not used yet<?cs elif:Target.PasswordState == "temporary_used" ?> · must choose a password<?cs /if ?></p>
<?cs if:Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:Errors.Form ?></p><?cs /if ?>
<section aria-labelledby="roles-h">
<h2 id="roles-h">Roles</h2>
<form method="post" action="/admin/users/<?cs var:Target.Id ?>/roles" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <fieldset>
    <legend>What <?cs var:Target.Name ?> may do</legend>
    <?cs call:role_checkboxes(Target.Roles) ?>
  </fieldset>
  <button type="submit" class="primary">Save roles</button>
</form>
</section>
<section aria-labelledby="access-h" class="decide">
<h2 id="access-h">Access</h2>
<?cs if:Target.Active == "1" ?>
<form method="post" action="/admin/users/<?cs var:Target.Id ?>/disable" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="danger">Disable<?cs if:Target.Self == "1" ?> my own account<?cs /if ?></button>
</form>
<p class="hint">Disabling signs the user out everywhere at once; nothing they did is removed.</p>
<?cs else ?>
<form method="post" action="/admin/users/<?cs var:Target.Id ?>/enable" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit">Enable</button>
</form>
<?cs /if ?>
<?cs if:Target.Self != "1" ?>
<form method="post" action="/admin/users/<?cs var:Target.Id ?>/reset" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit">Reset password</button>
</form>
<p class="hint">A reset signs the user out everywhere and gives them a new temporary password, which you see once.</p>
<?cs else ?>
<p><a href="/password">Change your own password</a></p>
<?cs /if ?>
</section>
<p><a href="/admin/users">Back to users</a></p>
