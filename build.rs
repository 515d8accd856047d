// The `split` build (the release site, see scripts/split.mjs) keeps the linker's relocations in
// the .wasm: wasm-split needs them to move code into chunks.
//
// The checklist and litmus tests (data/*.json) are compiled in as static tables
// (OUT_DIR/framework_tables.rs, read by src/domain/framework.rs): the app builds its framework
// from them without parsing JSON at start, and the shipped wasm carries no JSON reader for
// them. A unit test checks that the tables give what the JSON files say.
use serde_json::Value;
use std::fmt::Write;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let audit = read("data/audit.json");
    let litmus = read("data/litmus.json");
    let mut rs =
        String::from("// Written by build.rs from data/audit.json and data/litmus.json.\n");
    tables(&mut rs, &audit, &litmus).unwrap_or_else(|e| panic!("data/*.json: {e}"));
    std::fs::write(out.join("framework_tables.rs"), rs)
        .unwrap_or_else(|e| panic!("writing framework_tables.rs: {e}"));
}

fn read(path: &str) -> Value {
    println!("cargo::rerun-if-changed={path}");
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn field<'a>(v: &'a Value, key: &str) -> Result<&'a Value, String> {
    v.get(key)
        .ok_or_else(|| format!("no \"{key}\" in {}", excerpt(v)))
}
fn excerpt(v: &Value) -> String {
    v.to_string().chars().take(80).collect()
}
/// A Rust string literal.
fn text(v: &Value, key: &str) -> Result<String, String> {
    field(v, key)?
        .as_str()
        .map(|s| format!("{s:?}"))
        .ok_or_else(|| format!("\"{key}\" is not a string in {}", excerpt(v)))
}
/// `None` when absent or null, else `Some("…")`.
fn optional_text(v: &Value, key: &str) -> Result<String, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok("None".into()),
        Some(_) => Ok(format!("Some({})", text(v, key)?)),
    }
}
fn number(v: &Value, key: &str) -> Result<u64, String> {
    field(v, key)?
        .as_u64()
        .ok_or_else(|| format!("\"{key}\" is not a whole number in {}", excerpt(v)))
}
fn list<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    field(v, key)?
        .as_array()
        .ok_or_else(|| format!("\"{key}\" is not a list in {}", excerpt(v)))
}

fn tables(rs: &mut String, audit: &Value, litmus: &Value) -> Result<(), String> {
    let w = |e: std::fmt::Error| e.to_string();
    writeln!(rs, "const SOURCE: &str = {};", text(audit, "source")?).map_err(w)?;
    writeln!(
        rs,
        "const TOTAL_MAX_SCORE: u32 = {};",
        number(audit, "total_max_score")?
    )
    .map_err(w)?;
    writeln!(
        rs,
        "const ACTION_COUNT: usize = {};",
        number(audit, "action_count")?
    )
    .map_err(w)?;
    rs.push_str("const SCALE: &[(u8, &str)] = &[\n");
    for s in list(audit, "scale")? {
        writeln!(rs, "    ({}, {}),", number(s, "score")?, text(s, "label")?).map_err(w)?;
    }
    rs.push_str("];\nconst STREAMS: &[StreamRow] = &[\n");
    for s in list(audit, "streams")? {
        writeln!(
            rs,
            "    StreamRow {{ id: {}, name: {}, contributory: &[",
            text(s, "id")?,
            text(s, "name")?
        )
        .map_err(w)?;
        for c in list(s, "contributory")? {
            writeln!(
                rs,
                "        ({}, {}, {}),",
                text(c, "id")?,
                text(c, "name")?,
                text(c, "description")?
            )
            .map_err(w)?;
        }
        rs.push_str("    ] },\n");
    }
    rs.push_str("];\nconst PHASES: &[PhaseRow] = &[\n");
    for ph in list(audit, "phases")? {
        writeln!(
            rs,
            "    PhaseRow {{ id: {}, name: {}, milestone_after: {}, periods: &[",
            text(ph, "id")?,
            text(ph, "name")?,
            optional_text(ph, "milestone_after")?
        )
        .map_err(w)?;
        for p in list(ph, "periods")? {
            writeln!(
                rs,
                "        PeriodRow {{ number: {}, id: {}, name: {}, max_score: {}, actions: &[",
                number(p, "number")?,
                text(p, "id")?,
                text(p, "name")?,
                number(p, "max_score")?
            )
            .map_err(w)?;
            for a in list(p, "actions")? {
                writeln!(
                    rs,
                    "            ({}, {}, {}),",
                    text(a, "id")?,
                    text(a, "stream")?,
                    text(a, "text")?
                )
                .map_err(w)?;
            }
            rs.push_str("        ] },\n");
        }
        rs.push_str("    ] },\n");
    }
    writeln!(
        rs,
        "];\nconst LITMUS_SOURCE: &str = {};",
        text(litmus, "source")?
    )
    .map_err(w)?;
    rs.push_str("const LITMUS: &[LitmusRow] = &[\n");
    for t in list(litmus, "tests")? {
        let pass = match t.get("pass_yes_at_least") {
            None | Some(Value::Null) => "None".to_string(),
            Some(_) => format!("Some({})", number(t, "pass_yes_at_least")?),
        };
        writeln!(
            rs,
            "    LitmusRow {{ id: {}, name: {}, subject: {}, repeat: {}, rule: {}, question_stem: {}, pass_yes_at_least: {pass}, questions: &[",
            text(t, "id")?,
            text(t, "name")?,
            text(t, "subject")?,
            text(t, "repeat")?,
            text(t, "rule")?,
            optional_text(t, "question_stem")?
        )
        .map_err(w)?;
        for q in list(t, "questions")? {
            let q = q
                .as_str()
                .ok_or_else(|| format!("a question is not a string in {}", excerpt(t)))?;
            writeln!(rs, "        {q:?},").map_err(w)?;
        }
        rs.push_str("    ] },\n");
    }
    rs.push_str("];\n");
    Ok(())
}
