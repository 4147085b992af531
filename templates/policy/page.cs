<p class="meta"><a href="/policy">Social media policy</a> · version <?cs var:Policy.Version ?></p>
<?cs if:Policy.Gated == "1" && Policy.Current != "1" ?><p class="notice"><a href="/policy/acknowledge">Acknowledge the current policy</a> before you submit or approve posts.</p><?cs /if ?>
<article class="policy-text">
<h1><?cs var:Doc.Title ?></h1>
<?cs uvar:Doc.Body_html ?>
</article>
<p class="meta">Last updated <?cs var:Doc.Updated ?>. Public copy, to link from outside: <a href="/policy/public/<?cs var:Doc.Slug ?>">/policy/public/<?cs var:Doc.Slug ?></a></p>
