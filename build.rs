//! Turns each preset's JSON (`presets/ID.json`, the readable source) into the
//! `postcard` binary the app embeds, so the browser bundle needs no JSON
//! parser. A preset that does not parse fails the build, naming the file.

use std::{env, fs, path::Path};

#[allow(dead_code)]
#[path = "src/scenario/raw.rs"]
mod raw;

fn main() {
    println!("cargo::rerun-if-changed=presets");
    println!("cargo::rerun-if-changed=src/scenario/raw.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out_dir).join("presets");
    fs::create_dir_all(&out).expect("create OUT_DIR/presets");
    let entries = fs::read_dir("presets").expect("read presets/");
    for entry in entries {
        let path = entry.expect("list presets/").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read a preset");
        let scenario: raw::RawScenario = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a scenario: {e}", path.display()));
        let bytes = postcard::to_allocvec(&scenario).expect("encode a preset");
        let name = path.with_extension("bin");
        let name = name.file_name().expect("a preset file name");
        fs::write(out.join(name), bytes).expect("write a preset binary");
    }
}
