//! Chromium, the browser the report test opens `report.html` in, headless and
//! with the network disabled. Where it is not installed that test prints
//! SKIPPED and passes, except in CI (`CI=true`), where `.ci/run` installs the
//! Debian package `chromium` and its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The Chromium binary, or `None` (after saying so) when it is not installed
/// outside CI; `test` names the test that skips.
pub(crate) fn find(test: &str) -> Option<PathBuf> {
    super::find_program(
        test,
        &["chromium", "chromium-browser"],
        "Chromium",
        "chromium",
    )
}

/// A script put first in `<head>` of a copy of the page, before the page's
/// own content security policy (a `<meta>` policy governs only what follows
/// it). It records every request the page makes (the resource timing list
/// holds blocked and failed ones too), every policy violation and every
/// error, the rendered size of each chart and the text of each key figure,
/// and writes them, one per line, into a hidden `<pre id="probe">` once the
/// page has loaded.
const PROBE: &str = r#"<script>
(function () {
  var events = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    events.push('blocked ' + e.blockedURI + ' (' + e.violatedDirective + ')');
  });
  window.addEventListener('error', function (e) {
    events.push('error ' + (e.message || (e.target && e.target.outerHTML) || 'unknown'));
  }, true);
  window.addEventListener('load', function () {
    var lines = [];
    performance.getEntriesByType('resource').forEach(function (r) { lines.push('request ' + r.name); });
    events.forEach(function (e) { lines.push(e); });
    document.querySelectorAll('[data-chart]').forEach(function (f) {
      var svg = f.querySelector('svg');
      var box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      var ink = svg ? svg.getBBox() : { width: 0, height: 0 };
      var texts = svg ? svg.querySelectorAll('text').length : 0;
      lines.push('chart ' + f.dataset.chart + ' ' + Math.round(box.width) + ' ' + Math.round(box.height)
        + ' ' + Math.round(ink.width) + ' ' + Math.round(ink.height) + ' ' + texts);
    });
    document.querySelectorAll('[data-figure]').forEach(function (f) {
      lines.push('figure ' + f.dataset.figure + ' ' + f.innerText);
    });
    var p = document.createElement('pre');
    p.id = 'probe';
    p.hidden = true;
    p.textContent = lines.join('\n');
    document.body.appendChild(p);
  });
})();
</script>
"#;

/// What the browser saw of a page.
pub(crate) struct Loaded {
    /// The probe's lines (see [`PROBE`]).
    pub(crate) probe: Vec<String>,
    /// The page printed to PDF (Chromium's default paper, Letter).
    pub(crate) pdf: Vec<u8>,
}

/// Opens `page` (a copy of it with [`PROBE`] put first in `<head>`) in
/// headless Chromium with the network disabled (an unreachable proxy, every
/// host name unresolvable, background networking off), lets it load, and
/// prints it to PDF. Gives up after two minutes.
pub(crate) fn load(chromium: &Path, page: &Path) -> Loaded {
    let html = std::fs::read_to_string(page)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", page.display()));
    let dir = page.parent().expect("a page in a folder");
    let probed = dir.join("probed.html");
    let with_probe = html.replacen("<head>\n", &format!("<head>\n{PROBE}"), 1);
    assert_ne!(with_probe, html, "{}: no <head>", page.display());
    std::fs::write(&probed, with_probe).expect("write the probed copy");
    let pdf = dir.join("printed.pdf");
    let profile = dir.join("chromium-profile");
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--proxy-server=socks5://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=3000",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--print-to-pdf={}", pdf.display()))
    .arg("--dump-dom")
    .arg(format!("file://{}", probed.display()));
    // The DOM (over 100 kB) goes to a file: a pipe nobody reads while
    // waiting would fill and stall the browser.
    let dom_path = dir.join("dom.html");
    let err_path = dir.join("chromium.log");
    let file = |p: &Path| std::fs::File::create(p).expect("create a capture file");
    cmd.stdin(Stdio::null())
        .stdout(file(&dom_path))
        .stderr(file(&err_path));
    let mut child = cmd.spawn().expect("Chromium starts");
    super::wait_within(&mut child, Duration::from_secs(120), "Chromium");
    let status = child.wait().expect("Chromium exit status");
    let dom = std::fs::read_to_string(&dom_path).unwrap_or_default();
    let probe = dom
        .split_once("<pre id=\"probe\" hidden=\"\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(text, _)| text)
        .unwrap_or_else(|| {
            panic!(
                "{}: the page did not finish loading in Chromium ({}); stderr:\n{}",
                page.display(),
                status,
                std::fs::read_to_string(&err_path).unwrap_or_default()
            )
        });
    let probe = probe
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .lines()
        .map(str::to_string)
        .collect();
    let pdf = std::fs::read(&pdf)
        .unwrap_or_else(|e| panic!("{}: Chromium printed no PDF: {e}", page.display()));
    Loaded { probe, pdf }
}

/// The number of pages of a PDF Chromium printed (its page objects are
/// written as `/Type /Page`, the page tree as `/Type /Pages`).
pub(crate) fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}
