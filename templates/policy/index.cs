<h1>Social media policy</h1>
<?cs if:Policy.Version == "0" ?>
<p class="empty">No policy has been published yet.</p>
<?cs else ?>
<p class="meta">Version <?cs var:Policy.Version ?>, in force since <?cs var:Policy.VersionAt ?> UTC.</p>
<?cs if:Policy.Gated == "1" ?>
<?cs call:ack_status() ?>
<?cs if:Policy.Current != "1" ?><p><a class="button primary" href="/policy/acknowledge">Read the policy and acknowledge it</a></p><?cs /if ?>
<?cs /if ?>
<section aria-labelledby="pages-h">
<h2 id="pages-h">Pages</h2>
<ul class="policy-pages">
<?cs each:p = Pages ?><li><a href="/policy/<?cs var:p.Slug ?>"><?cs var:p.Title ?></a> <span class="meta">updated <?cs var:p.Updated ?></span></li>
<?cs /each ?>
</ul>
</section>
<?cs /if ?>
