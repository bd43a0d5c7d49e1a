//! Session I/O benchmark (being written).
fn main() {}
