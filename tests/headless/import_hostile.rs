//! Hostile article files: FIFOs and devices, stray bytes, deep or broken HTML, pages whose text
//! sits in nested divs.
