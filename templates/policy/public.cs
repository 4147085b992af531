<article class="policy-text">
<h1><?cs var:Doc.Title ?></h1>
<?cs uvar:Doc.Body_html ?>
</article>
<p class="meta">Part of our social media policy. Last updated <?cs var:Doc.Updated ?>.</p>
