//! Rejected suggestions: a tag over a span that the analyst said is not what Factmark
//! suggested. The session keeps them (and its file stores them) so a rejected suggestion never
//! comes back for this article; pending suggestions themselves live outside the session
//! (`crate::suggest::Pending`).

use super::{Span, Tag};

/// "This span is not a `tag`": one rejected suggestion, identified by its tag and span (and,
/// in the session file, its text, checked against the article like an annotation's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rejection {
    /// Where (bytes of the article text). First in the order, so rejections sort in document
    /// order.
    pub span: Span,
    /// The tag the suggestion would have given.
    pub tag: Tag,
}

impl Rejection {
    /// The rejection of a `tag` suggestion over `span`.
    pub fn new(tag: Tag, span: Span) -> Self {
        Self { span, tag }
    }
}
