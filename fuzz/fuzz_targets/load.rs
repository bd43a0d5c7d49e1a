//! Fuzz target: any bytes given to the session loader give a session or an error, never a
//! panic, a hang or a crash; a session that loads also renders and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(session) = factmark::store::from_bytes(data) {
        let again = factmark::store::from_ron(&factmark::store::to_ron(&session))
            .expect("a loaded session renders to a loadable file");
        assert!(again == session, "render/load round trip changed the session");
    }
});
