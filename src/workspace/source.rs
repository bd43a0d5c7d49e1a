//! Noticing that the article file a session was made from has changed since (a newer version
//! of the story): the window then offers to re-anchor onto it.

use std::path::Path;

use crate::import;
use crate::model::Article;

/// True when the article at `source` can be read and its text differs from `embedded`'s.
/// Reads and imports the whole file: run it on a worker.
pub fn article_changed(source: &Path, embedded: &Article) -> bool {
    import::open_article(source).is_ok_and(|article| article.text() != embedded.text())
}
