//! Building a session: from an article alone, or from annotations, orphans, scales, details
//! and rejections read from a file or an import, each checked before the session exists.

use std::sync::{Arc, OnceLock};

use super::Session;
use crate::model::{
    Annotation, AnnotationId, Article, ArticleDetails, EditError, Orphan, Rejection, ScaleKind,
    Scales,
};

impl Session {
    /// A session with no annotations; its article details are what the importer found.
    pub fn new(article: Arc<Article>) -> Self {
        let details = article.imported_details().clone();
        Self {
            article,
            annotations: Arc::new(Vec::new()),
            orphans: Arc::new(Vec::new()),
            rejections: Arc::new(Vec::new()),
            next_id: 1,
            revision: 0,
            max_span_len: 0,
            counts: [0; 3],
            status_counts: [[0; 4]; 3],
            scales: Scales::default(),
            details,
            derived: OnceLock::new(),
            journal: std::collections::VecDeque::new(),
        }
    }

    /// A session with the given annotations, each checked as an [`Edit::Add`] would be.
    /// Used by the loader; sorting is done once here, not per annotation.
    pub fn with_annotations(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
    ) -> Result<Self, EditError> {
        Self::from_parts(article, annotations, Vec::new())
    }

    /// A session with the given annotations and orphans. Annotations are checked as an
    /// [`Edit::Add`] would check them; ids must be unique across both lists.
    pub fn from_parts(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
        orphans: Vec<Orphan>,
    ) -> Result<Self, EditError> {
        Self::from_parts_checked(Self::new(article), annotations, orphans)
    }

    /// `session` (empty, with its scales) filled with these annotations and orphans.
    fn from_parts_checked(
        mut session: Self,
        mut annotations: Vec<Annotation>,
        mut orphans: Vec<Orphan>,
    ) -> Result<Self, EditError> {
        annotations.sort_by_key(Annotation::order_key);
        orphans.sort_by_key(|o| o.id);
        let mut ids: Vec<AnnotationId> = annotations.iter().map(|a| a.id).collect();
        ids.extend(orphans.iter().map(|o| o.id));
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(EditError::DuplicateId(pair[0]));
        }
        for annotation in &annotations {
            session.check_span(annotation.span)?;
            session.check_verdict(&annotation.body)?;
            session.note_added(annotation);
        }
        for orphan in &orphans {
            session.check_verdict(&orphan.body)?;
        }
        for orphan in &orphans {
            session.next_id = session.next_id.max(orphan.id.0.saturating_add(1));
        }
        session.annotations = Arc::new(annotations);
        session.orphans = Arc::new(orphans);
        Ok(session)
    }

    /// A session with these scales and article details, and the given annotations and
    /// orphans, checked as [`Session::from_parts`] checks them (and every verdict against its
    /// scale).
    pub fn from_parts_with(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
        orphans: Vec<Orphan>,
        scales: Scales,
        details: ArticleDetails,
    ) -> Result<Self, EditError> {
        for kind in ScaleKind::ALL {
            if let Some(problem) = scales.get(kind).problem() {
                return Err(EditError::BadScale { kind, problem });
            }
        }
        let mut empty = Self::new(article);
        empty.scales = scales;
        empty.details = details;
        Self::from_parts_checked(empty, annotations, orphans)
    }

    /// This session with these rejected suggestions (the loader's last step). Each must be a
    /// valid, non-blank span of the article; repeats are kept once.
    ///
    /// # Errors
    ///
    /// [`EditError::EmptySpan`] or [`EditError::OutOfRange`] for a span that is not a valid
    /// range of the article.
    pub fn with_rejections(mut self, mut rejections: Vec<Rejection>) -> Result<Self, EditError> {
        for rejection in &rejections {
            self.check_span(rejection.span)?;
        }
        rejections.sort_unstable();
        rejections.dedup();
        self.rejections = Arc::new(rejections);
        Ok(self)
    }
}
