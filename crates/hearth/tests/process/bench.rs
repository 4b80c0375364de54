//! Benchmarks run small: `hearth bench uploads` starts its own server, uploads, makes
//! thumbnails and prints figures for each; `hearth bench articles` seeds a small
//! company and prints its table.

use crate::support::{hearth, run};

#[tokio::test]
async fn the_uploads_benchmark_prints_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = hearth(dir.path());
    command.env("RUST_LOG", "warn").args([
        "bench",
        "uploads",
        "--uploads",
        "3",
        "--size-mb",
        "1",
        "--seconds",
        "1",
        "--megapixels",
        "1",
    ]);
    let (ok, stdout, stderr) = run(command, None).await;
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("3 concurrent uploads of 1 MB: 3 stored, 0 failed"),
        "{stdout}"
    );
    assert!(stdout.contains(" MB/s"), "{stdout}");
    assert!(stdout.contains("latency p50 "), "{stdout}");
    assert!(stdout.contains(" MiB peak"), "{stdout}");
    assert!(stdout.contains("thumbnails of a 1154×866 JPEG"), "{stdout}");
    assert!(stdout.contains("1 thread: "), "{stdout}");
    assert!(stdout.contains(" images/s, "), "{stdout}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing left in the folder it ran in"
    );
}

#[tokio::test]
async fn the_articles_benchmark_prints_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = hearth(dir.path());
    command.env("RUST_LOG", "warn").args([
        "bench",
        "articles",
        "--users",
        "70",
        "--communities",
        "3",
        "--posts",
        "500",
        "--reactions",
        "500",
        "--seconds",
        "1",
    ]);
    let (ok, stdout, stderr) = run(command, None).await;
    assert!(ok, "{stdout}\n{stderr}");
    for line in [
        "| home feed, first page of 20 articles | 64 |",
        "| one article's reading view | 1 |",
        "| autosave a draft | 64 |",
        "| read counted | 64 |",
        "| search: a word of 20 articles' titles | 16 |",
        "publishing 64 company-wide articles at once",
        " MiB peak",
    ] {
        assert!(stdout.contains(line), "{line:?} in {stdout}");
    }
    assert!(
        !stdout.contains("| 64 | 0 | 0 |"),
        "every measurement made requests: {stdout}"
    );
}
