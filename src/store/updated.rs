//! Reading an updated article to re-anchor a session onto: a session file's embedded
//! article, or any other file imported. The matching itself is pure and lives in
//! [`crate::model::anchor`].

use crate::model::Article;

/// Reads the updated version of `current` (the article a session is on) from `path`, for
/// [`crate::model::anchor::reanchor()`]: the one place the command line and the window's
/// "Attach updated article…" turn a file into the new article.
///
/// - A **session** (a `.ron` file, or any file that starts with a session header, see
///   [`super::load::is_session_file`]) is loaded and validated, and its embedded article is
///   the new article, with its own title, source and import record. It is never read as
///   plain text (which would "move" every annotation into RON markup).
/// - Any other file is **imported** ([`crate::import::import_file`]): its text and import
///   record, `path` as the source, and `current`'s title, since an updated version of a
///   story keeps its name (an importer can only guess one from the file).
///
/// This sits in `store` and calls `import` (which calls `store` to open sessions): the
/// choice between the two is about the session format, which `store` owns.
///
/// # Errors
///
/// The session's [`super::LoadError`] or the article's [`crate::import::ImportError`].
pub fn updated_article(
    path: &std::path::Path,
    current: &Article,
) -> Result<Article, crate::import::OpenError> {
    if super::load::is_session_file(path) {
        let session = super::load(path)?;
        return Ok(Article::clone(session.article()));
    }
    let (imported, _) = crate::import::import_file(path)?;
    let mut article = Article::new(
        current.title(),
        Some(path.display().to_string()),
        imported.text(),
    );
    if let Some(provenance) = imported.provenance() {
        article = article.with_provenance(provenance.clone());
    }
    Ok(article)
}
