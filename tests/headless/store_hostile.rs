//! Hostile session and re-anchoring inputs: unplaceable annotations at scale, a session given
//! as the new article, malformed ids, and the messages they give.
