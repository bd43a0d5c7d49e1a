//! Exchange formats: the shared fixture session, offset units, and (per format) golden files,
//! round trips and bad input.

use std::path::Path;

/// The fixture the real readers (`tests/interop/run.sh`) export is exactly the session the
/// golden tests use. `UPDATE_FIXTURES=1 cargo test --test headless exchange::` rewrites it.
#[test]
fn the_interop_fixture_is_the_exchange_session() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/sessions/small.ron");
    let session = factmark::testing::exchange_session();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        factmark::store::save(&session, &path).unwrap();
    }
    let loaded = factmark::store::load(&path).unwrap();
    assert_eq!(loaded, session);
}
