// The `split` build (the release site, see scripts/split.mjs) keeps the linker's relocations in
// the .wasm: wasm-split needs them to move code into chunks.
//
// The checklist and litmus JSON (data/) are embedded without their indentation: the files stay
// readable, and the shipped wasm does not carry about 9 KB of spaces.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["audit", "litmus"] {
        let path = format!("data/{name}.json");
        println!("cargo::rerun-if-changed={path}");
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        std::fs::write(out.join(format!("{name}.min.json")), minify(&json))
            .unwrap_or_else(|e| panic!("writing {name}.min.json: {e}"));
    }
}

/// `json` without the whitespace between its tokens; strings are copied as they are.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
