<h1>Users</h1>
<p>Everyone who can sign in to Clearpost, and what they may do. A user may hold several roles; nobody ever decides on a post they wrote or edited. New users and reset passwords get a temporary password, shown to you once, which the user must replace at their first sign-in.</p>
<section aria-labelledby="users-h">
<h2 id="users-h">All users</h2>
<table>
<caption class="sr-only">Every user, their roles, status and last sign-in</caption>
<thead><tr><th scope="col">User</th><th scope="col">Roles</th><th scope="col">Status</th><th scope="col">Last sign-in (UTC)</th><th scope="col">Created (UTC)</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr class="user-row" id="user-<?cs var:u.Id ?>">
<td><a href="/admin/users/<?cs var:u.Id ?>"><?cs var:u.Name ?></a></td>
<td class="roles"><?cs var:u.Roles ?></td>
<td class="status"><?cs if:u.Active == "1" ?>active<?cs else ?>disabled<?cs /if ?><?cs if:u.PasswordState == "temporary" ?> <span class="muted">(temporary password not used yet)</span><?cs elif:u.PasswordState == "temporary_used" ?> <span class="muted">(must choose a password)</span><?cs /if ?></td>
<td><?cs if:u.LastLogin ?><?cs var:u.LastLogin ?><?cs else ?><span class="muted">never</span><?cs /if ?></td>
<td><?cs var:u.Created ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</section>
<section aria-labelledby="new-h">
<h2 id="new-h">New user</h2>
<form method="post" action="/admin/users" class="stack" autocomplete="off">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <label for="username">User name</label>
  <input id="username" name="username" type="text" maxlength="64" required autocapitalize="none" spellcheck="false" value="<?cs var:Form.Name ?>" aria-describedby="username-hint<?cs if:Errors.Name ?> username-error<?cs /if ?>"<?cs if:Errors.Name ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="username-hint">Lower-case letters, digits, dot, underscore and hyphen.</p>
  <?cs if:Errors.Name ?><p class="field-error" id="username-error" role="alert"><?cs var:Errors.Name ?></p><?cs /if ?>
  <fieldset<?cs if:Errors.Roles ?> aria-describedby="roles-error"<?cs /if ?>>
    <legend>Roles</legend>
    <?cs if:Errors.Roles ?><p class="field-error" id="roles-error" role="alert"><?cs var:Errors.Roles ?></p><?cs /if ?>
    <?cs call:role_checkboxes(Form.Roles) ?>
  </fieldset>
  <button type="submit" class="primary">Create user</button>
</form>
</section>
<p><a href="/admin">Back to administration</a></p>
