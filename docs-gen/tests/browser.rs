//! The reference pages in a real browser: every committed `config.md` is rendered to HTML
//! (pulldown-cmark, with a style close to GitHub's) and laid out by headless Chromium at a
//! 1,400 px viewport. No table may be wider than the viewport: the Description column stays
//! on screen.
//!
//! Chromium (Debian's) and playwright-core are installed by `.ci/readers.sh`; without them
//! this test says so and passes, unless `ENVCONFIG_REQUIRE_READERS=1` (set by `.ci/run`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const VIEWPORT: u32 = 1400;

const STYLE: &str = "
body { font-family: -apple-system, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif; font-size: 16px;
       line-height: 1.5; margin: 0; padding: 32px; word-wrap: break-word; }
table { border-collapse: collapse; border-spacing: 0; margin: 16px 0; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; vertical-align: top; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%;
       white-space: break-spaces; padding: .2em .4em; background: #eff1f3; border-radius: 6px; }
";

fn browser() -> Option<(PathBuf, PathBuf)> {
    let dir = std::env::var_os("ENVCONFIG_READERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.ci/readers"));
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    match (chromium, dir.join("node/node_modules/playwright-core").is_dir()) {
        (Some(c), true) => Some((dir, c)),
        _ => {
            if std::env::var_os("ENVCONFIG_REQUIRE_READERS").is_some_and(|v| v == "1") {
                panic!("Chromium or playwright-core is missing; run .ci/readers.sh");
            }
            eprintln!("skipped: Chromium or playwright-core is not installed (run .ci/readers.sh)");
            None
        }
    }
}

fn html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS));
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>{STYLE}</style></head><body>{body}</body></html>"
    )
}

/// The width of every table of each page, as laid out by Chromium.
fn table_widths(dir: &Path, chromium: &Path, pages: &[PathBuf]) -> Vec<Vec<f64>> {
    let script = r#"
const { chromium } = require('playwright-core');
(async () => {
  const [executablePath, width, ...pages] = process.argv.slice(1);
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  const out = [];
  for (const p of pages) {
    await page.goto('file://' + p);
    out.push(await page.$$eval('table', (ts) => ts.map((t) => t.getBoundingClientRect().right)));
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(chromium)
        .arg(VIEWPORT.to_string())
        .args(pages)
        .env("NODE_PATH", dir.join("node/node_modules"))
        .output()
        .expect("node runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().iter().map(|p| p.as_array().unwrap().iter().map(|w| w.as_f64().unwrap()).collect()).collect()
}

#[test]
fn every_reference_page_fits_a_1400_px_viewport() {
    let Some((dir, chromium)) = browser() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let mut names = Vec::new();
    let mut pages = Vec::new();
    for name in ["cadence", "orcheo", "parako"] {
        let md = std::fs::read_to_string(root.join(name).join("config.md")).unwrap();
        let page = out.join(format!("{name}.html"));
        std::fs::write(&page, html(&md)).unwrap();
        names.push(name);
        pages.push(page);
    }
    let widths = table_widths(&dir, &chromium, &pages);
    for (name, tables) in names.iter().zip(&widths) {
        assert!(!tables.is_empty(), "{name}: no table laid out");
        for (i, right) in tables.iter().enumerate() {
            assert!(
                *right <= VIEWPORT as f64,
                "{name}: table {i} ends at {right:.0} px, past the {VIEWPORT} px viewport"
            );
        }
    }
}
