/* Clearpost — small first-party script, loaded with defer (no inline code:
 * the Content-Security-Policy allows no other script). Every page works
 * without it; it only adds live feedback. */
"use strict";
(function () {
  // Move keyboard focus to the first error so screen readers announce it.
  var err = document.querySelector(".error[role=alert]");
  if (err) {
    var field = document.querySelector("[aria-describedby='" + err.id + "']");
    if (field) field.focus();
  }

  // Live scan of a draft while the author types: findings highlighted in
  // a preview and the length per target, from the server's own scanner
  // (POST /posts/scan). Nothing is saved until the author presses Save.
  var form = document.getElementById("post-form");
  var body = form && form.querySelector("#body");
  if (!body || !window.fetch || !window.TextEncoder) return;
  var live = document.getElementById("live");
  var preview = document.getElementById("live-preview");
  var status = document.getElementById("live-status");
  var csrf = form.querySelector("input[name=csrf]").value;
  var timer = null, seq = 0;
  var enc = new TextEncoder(), dec = new TextDecoder();

  function render(text, result) {
    var bytes = enc.encode(text), pos = 0, blocks = 0;
    preview.textContent = "";
    result.findings.forEach(function (f) {
      if (f.start < pos || f.end > bytes.length) return;
      preview.appendChild(document.createTextNode(dec.decode(bytes.subarray(pos, f.start))));
      var mark = document.createElement("mark");
      mark.className = "phi phi-" + f.severity;
      mark.title = f.category + " · " + f.severity + " · " + f.rule;
      mark.textContent = dec.decode(bytes.subarray(f.start, f.end));
      var label = document.createElement("span");
      label.className = "phi-label";
      label.textContent = " [" + f.category + ", " + f.severity + "]";
      mark.appendChild(label);
      preview.appendChild(mark);
      if (f.severity === "block") blocks++;
      pos = f.end;
    });
    preview.appendChild(document.createTextNode(dec.decode(bytes.subarray(pos))));
    status.textContent = result.findings.length === 0 ? "The scanner finds no patient information." :
      result.findings.length + " finding(s), " + blocks + " blocking submission.";
    result.counts.forEach(function (c) {
      var el = form.querySelector(".count[data-account='" + c.id + "']");
      if (!el || !c.limit) return;
      el.textContent = c.length + "/" + c.limit + el.textContent.replace(/^[^ ]*/, "");
      el.classList.toggle("over", c.over);
    });
    live.hidden = false;
  }

  function scan() {
    var mine = ++seq, text = body.value;
    var data = new URLSearchParams();
    data.append("csrf", csrf);
    data.append("body", text);
    form.querySelectorAll("input[name=target]:checked").forEach(function (t) {
      data.append("target", t.value);
    });
    fetch("/posts/scan", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result && mine === seq) render(text, result); })
      .catch(function () { /* the server checks again on save */ });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(scan, 250);
  });
  form.addEventListener("change", function (e) {
    if (e.target && e.target.name === "target") scan();
  });
  if (body.value) scan();
})();
