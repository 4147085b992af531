<h1><?cs if:Target.Created == "1" ?>User <?cs var:Target.Name ?> created<?cs else ?>New password for <?cs var:Target.Name ?><?cs /if ?></h1>
<p class="notice" role="status">Give <?cs var:Target.Name ?> this temporary password by a channel only they read. This is the only time Clearpost shows it. It works for one sign-in, which asks them to choose their own password.</p>
<div class="stack">
  <label for="temporary">Temporary password</label>
  <input id="temporary" type="text" readonly spellcheck="false" autocomplete="off" value="<?cs var:Temporary ?>">
</div>
<p><a href="/admin/users/<?cs var:Target.Id ?>">Go to <?cs var:Target.Name ?></a> · <a href="/admin/users">Back to users</a></p>
