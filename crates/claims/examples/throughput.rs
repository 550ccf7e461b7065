//! Extraction throughput: builds a corpus of at least SIZE_MB megabytes from the shared
//! development articles (every digit varied, so no two copies are the same text), extracts the
//! claims of the whole corpus on one thread, and prints MB/s.
//!
//!     cargo run --release -p attrition-claims --example throughput -- 50 [--sample PATH] [--archive PATH]
//!     cargo run --release -p attrition-claims --example throughput -- --time-file PATH
//!
//! With `--sample PATH` it also writes the first 50 KB of the corpus to PATH (for comparing with
//! other tools on the same text), and with `--archive PATH` the whole corpus as JSON Lines, one
//! `{"id", "date", "text"}` document per article (for timing `attrition claims extract --jsonl`);
//! `--time-file PATH` times the extraction of that file alone,
//! repeated for at least a second. `--digest` prints a hash of every claim found (as JSON), so
//! that a change meant only to make extraction faster can show it finds exactly the same claims.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(path) = args.iter().position(|a| a == "--time-file").and_then(|i| args.get(i + 1)) {
        time_file(path);
        return;
    }
    let size_mb: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50);
    let sample = args.iter().position(|a| a == "--sample").and_then(|i| args.get(i + 1)).cloned();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/claims-dev/articles");
    let archive = args.iter().position(|a| a == "--archive").and_then(|i| args.get(i + 1)).cloned();
    let mut articles: Vec<String> = std::fs::read_dir(&dir)
        .expect("the shared articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    articles.sort();
    // vary every digit with a fixed linear congruential generator (first digits stay non-zero)
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut corpus = String::with_capacity(size_mb * 1_000_000 + 10_000);
    'fill: loop {
        for article in &articles {
            let mut prev_digit = false;
            for ch in article.chars() {
                if ch.is_ascii_digit() {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let r = u8::try_from((seed >> 33) % 10).unwrap();
                    let digit = if prev_digit || r > 0 { r } else { 1 };
                    corpus.push(char::from(b'0' + digit));
                    prev_digit = true;
                } else {
                    corpus.push(ch);
                    prev_digit = false;
                }
            }
            corpus.push_str("\n\n");
            if corpus.len() >= size_mb * 1_000_000 {
                break 'fill;
            }
        }
    }
    let date = jiff::civil::date(2025, 6, 13);
    attrition_claims::extract::check_input(&corpus).expect("valid text");
    let mut best = f64::INFINITY;
    let mut claims = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let found = attrition_claims::extract::extract(&corpus, date);
        let secs = start.elapsed().as_secs_f64();
        claims = found.len();
        best = best.min(secs);
    }
    #[allow(clippy::cast_precision_loss)]
    let mb = corpus.len() as f64 / 1e6;
    println!("attrition-claims: {mb:.1} MB, {claims} claims, best of 3: {best:.3} s, {:.1} MB/s", mb / best);
    if args.iter().any(|a| a == "--digest") {
        println!("digest of the claims: {:016x}", digest(&attrition_claims::extract::extract(&corpus, date)));
    }
    // written after the timing, so that the kernel's writing them out does not share the core
    if let Some(path) = sample {
        let mut end = 50_000.min(corpus.len());
        while !corpus.is_char_boundary(end) {
            end -= 1;
        }
        std::fs::write(&path, &corpus[..end]).unwrap();
    }
    if let Some(path) = archive {
        let mut lines = String::with_capacity(corpus.len() + corpus.len() / 8);
        for (id, doc) in corpus.split("\n\n\n").filter(|d| !d.trim().is_empty()).enumerate() {
            let line = serde_json::json!({"id": id, "date": date.to_string(), "text": doc});
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        std::fs::write(&path, lines).unwrap();
    }
}

/// FNV-1a over the claims' JSON.
fn digest(claims: &[attrition_model::Claim]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for claim in claims {
        for byte in serde_json::to_vec(claim).unwrap() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn time_file(path: &str) {
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let date = jiff::civil::date(2025, 6, 13);
    let start = Instant::now();
    let mut runs = 0u32;
    let mut claims = 0;
    while runs < 3 || start.elapsed().as_secs_f64() < 1.0 {
        claims = attrition_claims::extract::extract(&text, date).len();
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    #[allow(clippy::cast_precision_loss)]
    let mb = text.len() as f64 / 1e6;
    println!(
        "attrition-claims on {path}: {} bytes, {claims} claims, {:.3} ms a run, {:.1} MB/s",
        text.len(),
        secs * 1e3,
        mb / secs
    );
}
