//! Share-link codec figures for `make bench` (issue 10, "Measured"): the
//! length of the scores link and of the full link, and encode and decode
//! times, for four workspaces built here with fixed seeds.
//!
//! Run: `cargo run --release --no-default-features --example share_codec [runs]`.
//! Prints Markdown tables; asserts nothing about time. The machine is shared
//! and noisy, so each time is shown next to a reference measured in the same
//! loop, `serde_json::to_string` / `from_str` of the same workspace, and as a
//! ratio to it.

use kam_workbench::domain::audit::Score;
use kam_workbench::domain::framework::framework;
use kam_workbench::domain::litmus::Answer;
use kam_workbench::domain::portfolio::{KeyAccount, RelationshipStage};
use kam_workbench::domain::share::{self, encode_full, ScoresLink, SharedLink};
use kam_workbench::domain::text::sample_prose as prose;
use kam_workbench::domain::Workspace;
use std::hint::black_box;
use std::time::Instant;

/// The linear congruential generator of `tests/bench/lib.mjs` (seed 42), so
/// the 300 accounts are the first 300 rows of the `make bench` CSV.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, m: u64) -> u64 {
        self.0 = (self.0 * 1_103_515_245 + 12_345) % 2_147_483_648;
        self.0 % m
    }

    /// 0-3 from higher bits: the lowest bits of this generator cycle.
    fn score(&mut self) -> u8 {
        ((self.below(1 << 30) >> 20) % 4) as u8
    }
}

/// Every action scored 0-3 (a spread from the generator), every 20th one
/// N/A with a reason instead, and the five organisation litmus answers.
fn full_audit() -> Workspace {
    let mut ws = Workspace {
        name: "Northwind Components".into(),
        ..Workspace::default()
    };
    let mut rnd = Lcg(7);
    for (i, a) in framework().actions().enumerate() {
        if i % 20 == 7 {
            ws.audit
                .set_not_applicable(&a.id, Some("Not relevant to us yet".into()));
        } else {
            ws.audit.set_score(&a.id, Score::new(rnd.score()).ok());
        }
    }
    for (q, answer) in [
        Answer::Yes,
        Answer::Yes,
        Answer::NotSure,
        Answer::No,
        Answer::Yes,
    ]
    .into_iter()
    .enumerate()
    {
        // Five questions: within the organisation test, so never refused.
        let _ = ws.litmus.set_organisation(q, Some(answer));
    }
    ws
}

fn with_notes() -> Workspace {
    let mut ws = full_audit();
    for (i, a) in framework().actions().enumerate() {
        ws.audit.edit(&a.id, |e| e.note = prose(i as u64, 200));
    }
    ws
}

/// The `make bench` CSV's fields: name, sector, country, revenue, category
/// spend, key account manager, sponsor, stage and all eight ratings.
fn accounts(n: usize) -> Workspace {
    const STAGES: [RelationshipStage; 5] = [
        RelationshipStage::Exploratory,
        RelationshipStage::Basic,
        RelationshipStage::Cooperative,
        RelationshipStage::Interdependent,
        RelationshipStage::Integrated,
    ];
    let mut ws = Workspace::default();
    let mut rnd = Lcg(42);
    for i in 0..n {
        let mut a = KeyAccount::new(format!("Customer {i}"));
        a.sector = format!("Sector {}", i % 17);
        a.country = ["UK", "DE", "FR", "US"][i % 4].into();
        a.revenue = Some((10_000 + rnd.below(5_000_000)) as f64);
        a.category_spend = Some((50_000 + rnd.below(20_000_000)) as f64);
        a.key_account_manager = format!("Manager {}", i % 120);
        a.executive_sponsor = format!("Sponsor {}", i % 40);
        a.current_stage = STAGES[i % 5];
        for f in ["volume", "growth", "profitability", "strategic_fit"] {
            a.attractiveness.insert(f.into(), rnd.below(11) as u8);
        }
        for f in ["quality", "relationship", "price", "understanding"] {
            a.strength_customer_view
                .insert(f.into(), rnd.below(11) as u8);
        }
        if let Err(e) = ws.portfolio.add_account(a) {
            eprintln!("account {i} refused: {e}");
        }
    }
    ws
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn micros(f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e6
}

/// Median microseconds of each operation over `runs`, the operations taking
/// turns within each run so a slow spell of the machine hits them all.
fn timed(runs: usize, ops: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    for op in ops.iter_mut() {
        for _ in 0..5 {
            op();
        }
    }
    let mut samples = vec![Vec::with_capacity(runs); ops.len()];
    for _ in 0..runs {
        for (op, s) in ops.iter_mut().zip(&mut samples) {
            s.push(micros(*op));
        }
    }
    samples.into_iter().map(median).collect()
}

fn thousands(n: usize) -> String {
    kam_workbench::domain::text::thousands(n)
}

struct Row {
    case: &'static str,
    scores_chars: usize,
    full_chars: usize,
    bare_chars: usize,
    json_bytes: usize,
    /// scores, full, full without portfolio, JSON reference: (encode, decode).
    times: [(f64, f64); 4],
}

fn measure(case: &'static str, ws: &Workspace, runs: usize) -> Result<Row, String> {
    let fw = framework();
    let scores = format!(
        "#{}",
        ScoresLink::capture(fw, &ws.audit, &ws.litmus).encode(fw)
    );
    let full = format!("#{}", encode_full(ws, true));
    let bare = format!("#{}", encode_full(ws, false));
    let json = serde_json::to_string(ws).map_err(|e| e.to_string())?;
    // What is timed must work: each link gives back what it carries.
    match share::decode(&full) {
        Ok(SharedLink::Full(f)) if f.workspace == *ws => {}
        other => {
            return Err(format!(
                "{case}: the full link did not round-trip: {other:?}"
            ))
        }
    }
    match share::decode(&scores) {
        Ok(SharedLink::Scores(s)) if s == ScoresLink::capture(fw, &ws.audit, &ws.litmus) => {}
        other => {
            return Err(format!(
                "{case}: the scores link did not round-trip: {other:?}"
            ))
        }
    }
    let t = timed(
        runs,
        &mut [
            &mut || {
                black_box(ScoresLink::capture(fw, black_box(&ws.audit), &ws.litmus).encode(fw));
            },
            &mut || {
                let _ = black_box(share::decode(black_box(&scores)));
            },
            &mut || {
                black_box(encode_full(black_box(ws), true));
            },
            &mut || {
                let _ = black_box(share::decode(black_box(&full)));
            },
            &mut || {
                black_box(encode_full(black_box(ws), false));
            },
            &mut || {
                let _ = black_box(share::decode(black_box(&bare)));
            },
            &mut || {
                let _ = black_box(serde_json::to_string(black_box(ws)));
            },
            &mut || {
                let _ = black_box(serde_json::from_str::<Workspace>(black_box(&json)));
            },
        ],
    );
    Ok(Row {
        case,
        scores_chars: scores.chars().count(),
        full_chars: full.chars().count(),
        bare_chars: bare.chars().count(),
        json_bytes: json.len(),
        times: [(t[0], t[1]), (t[2], t[3]), (t[4], t[5]), (t[6], t[7])],
    })
}

fn main() {
    let runs = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(201usize)
        .max(1);
    let cases = [
        ("empty workspace", Workspace::default()),
        ("full audit", full_audit()),
        (
            "full audit, 200-character note on every action",
            with_notes(),
        ),
        ("300 accounts", accounts(300)),
    ];
    let mut rows = Vec::new();
    for (case, ws) in &cases {
        match measure(case, ws, runs) {
            Ok(r) => rows.push(r),
            Err(e) => {
                eprintln!("share_codec: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "Link lengths in characters, `#` included; the workspace as compact JSON for scale.\n"
    );
    println!("| case | scores link | full link | full link, portfolio left out | workspace JSON (bytes) |");
    println!("|---|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.case,
            thousands(r.scores_chars),
            thousands(r.full_chars),
            thousands(r.bare_chars),
            thousands(r.json_bytes)
        );
    }
    println!(
        "\nMedian µs over {runs} runs (decode = share::decode: unpack, Workspace::from_json, load-time check). \
         In brackets, the ratio to the reference measured in the same runs: \
         serde_json::to_string (encode) and from_str (decode) of the same workspace.\n"
    );
    println!("| case | link | encode µs | decode µs |");
    println!("|---|---|---:|---:|");
    let names = [
        "scores",
        "full",
        "full, portfolio left out",
        "reference: JSON",
    ];
    for r in &rows {
        let (re, rd) = r.times[3];
        for (name, (e, d)) in names.iter().zip(r.times) {
            if *name == names[3] {
                println!("| {} | {name} | {e:.1} | {d:.1} |", r.case);
            } else {
                println!(
                    "| {} | {name} | {e:.1} ({:.1}×) | {d:.1} ({:.1}×) |",
                    r.case,
                    e / re,
                    d / rd
                );
            }
        }
    }
}
