//! Embeds every catalogue under `locales/<language>/*.ftl` in the binary, so that a
//! new language is a new folder and nothing else.

use std::fmt::Write as _;
use std::path::Path;

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut languages: Vec<_> = std::fs::read_dir(&root)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|path| path.is_dir())
        .collect();
    languages.sort();
    let mut out = String::from("pub(crate) const SOURCES: &[(&str, &str, &str)] = &[\n");
    for language in languages {
        println!("cargo::rerun-if-changed={}", language.display());
        let tag = language
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("a folder name that is not UTF-8")?;
        let mut files: Vec<_> = std::fs::read_dir(&language)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        for file in files {
            println!("cargo::rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("a file name that is not UTF-8")?;
            writeln!(
                out,
                "    ({tag:?}, {name:?}, include_str!({:?})),",
                file.display()
            )?;
        }
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR")?).join("sources.rs");
    std::fs::write(target, out)?;
    Ok(())
}
