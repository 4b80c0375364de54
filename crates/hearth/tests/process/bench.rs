//! `hearth bench uploads`, run small: it starts its own server, uploads, makes
//! thumbnails and prints figures for each.

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
