<h1>Audit log</h1>
<?cs if:Chain.State == "intact" ?>
<p class="chain chain-intact" id="chain" role="status"><strong>Chain intact: <?cs var:Chain.Count ?> entries</strong> <?cs if:Chain.FullAt ?>— the whole chain was walked at <?cs var:Chain.FullAt ?> UTC and the entries since were checked just now. <a href="/admin/audit?verify=full">Walk the whole chain now</a><?cs else ?>verified just now, from the first entry to the newest.<?cs /if ?></p>
<?cs else ?>
<p class="chain chain-broken" id="chain" role="alert"><strong>Chain BROKEN at entry <?cs var:Chain.Bad ?></strong> — the <?cs var:Chain.Count ?> entries before it verify; entry <?cs var:Chain.Bad ?> was altered or removed outside Clearpost. Keep the database as it is and tell your security officer; <code>clearpost audit verify</code> on the server gives the same answer.</p>
<?cs /if ?>
<p class="hint">Every view and download of this log is itself recorded here.</p>
<form method="get" action="/admin/audit" class="filters audit-filters"<?cs if:subcount(Errors) ?> aria-describedby="filter-error"<?cs /if ?>>
  <?cs if:subcount(Errors) ?><p class="error" role="alert" id="filter-error">The filter could not be used: please correct the fields marked below.</p><?cs /if ?>
  <div class="stack">
    <label for="actor">Who (user name)</label>
    <input id="actor" name="actor" type="text" maxlength="64" value="<?cs var:Filter.Actor ?>"<?cs if:Errors.Actor ?> aria-invalid="true" aria-describedby="actor-error"<?cs /if ?>>
    <?cs if:Errors.Actor ?><p class="field-error" id="actor-error"><?cs var:Errors.Actor ?></p><?cs /if ?>
  </div>
  <div class="stack">
    <label for="action">Action</label>
    <select id="action" name="action"<?cs if:Errors.Action ?> aria-invalid="true" aria-describedby="action-error"<?cs /if ?>>
      <option value="">any action</option>
      <?cs each:a = Actions ?><option value="<?cs var:a ?>"<?cs if:Filter.Action == a ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?>
    </select>
    <?cs if:Errors.Action ?><p class="field-error" id="action-error"><?cs var:Errors.Action ?></p><?cs /if ?>
  </div>
  <div class="stack">
    <label for="object">Object (post:17, or post)</label>
    <input id="object" name="object" type="text" maxlength="128" value="<?cs var:Filter.Object ?>"<?cs if:Errors.Object ?> aria-invalid="true" aria-describedby="object-error"<?cs /if ?>>
    <?cs if:Errors.Object ?><p class="field-error" id="object-error"><?cs var:Errors.Object ?></p><?cs /if ?>
  </div>
  <div class="stack">
    <label for="from">From (UTC)</label>
    <input id="from" name="from" type="text" maxlength="40" placeholder="2026-03-01T09:00" value="<?cs var:Filter.From ?>"<?cs if:Errors.From ?> aria-invalid="true" aria-describedby="from-error"<?cs /if ?>>
    <?cs if:Errors.From ?><p class="field-error" id="from-error"><?cs var:Errors.From ?></p><?cs /if ?>
  </div>
  <div class="stack">
    <label for="to">To (UTC, included)</label>
    <input id="to" name="to" type="text" maxlength="40" placeholder="2026-03-01" value="<?cs var:Filter.To ?>"<?cs if:Errors.To ?> aria-invalid="true" aria-describedby="to-error"<?cs /if ?>>
    <?cs if:Errors.To ?><p class="field-error" id="to-error"><?cs var:Errors.To ?></p><?cs /if ?>
  </div>
  <button type="submit">Show</button>
  <a href="/admin/audit">Clear</a>
</form>
<?cs if:!subcount(Errors) ?>
<div class="heading-row">
<p><?cs var:Paging.Total ?> <?cs if:Paging.Total == "1" ?>entry matches<?cs else ?>entries match<?cs /if ?>, newest first.</p>
<a class="button" href="/admin/audit.csv<?cs if:Paging.Query ?>?<?cs var:Paging.Query ?><?cs /if ?>" download>Download as CSV</a>
</div>
<?cs if:subcount(Entries) ?>
<table class="audit">
<caption class="sr-only">Audit entries matching the filter, newest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">State</th><th scope="col">Address</th><th scope="col">Detail</th></tr></thead>
<tbody>
<?cs each:e = Entries ?>
<tr><td><?cs var:e.Id ?></td><td><?cs var:e.At ?></td><td><?cs var:e.Actor ?></td><td><?cs var:e.Action ?></td><td><?cs var:e.Object ?></td><td><?cs if:e.From || e.To ?><?cs var:e.From ?> → <?cs var:e.To ?><?cs /if ?></td><td><?cs var:e.Ip ?></td><td class="detail"><?cs var:e.Detail ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No entries match.</p>
<?cs /if ?>
<nav class="paging" aria-label="Pages">
<?cs if:Paging.First != "0" ?><a href="/admin/audit<?cs if:Paging.Query ?>?<?cs var:Paging.Query ?><?cs /if ?>">Newest</a><?cs /if ?>
<?cs if:Paging.Newer != "0" ?><a href="/admin/audit?<?cs if:Paging.Query ?><?cs var:Paging.Query ?>&amp;<?cs /if ?>after=<?cs var:Paging.Newer ?>" rel="prev">Newer</a><?cs /if ?>
<?cs if:Paging.Older != "0" ?><a href="/admin/audit?<?cs if:Paging.Query ?><?cs var:Paging.Query ?>&amp;<?cs /if ?>before=<?cs var:Paging.Older ?>" rel="next">Older</a><?cs /if ?>
</nav>
<?cs /if ?>
