//! The Shift+Arrow commands in the table: which keys move which end of a span by how much,
//! and their menu and Help words.

use egui::{Key, Modifiers};

use super::Shortcut;
use super::shortcut::article;
use crate::model::adjust::{Adjust, Edge, Unit};

const fn adjust(edge: Edge, unit: Unit, forward: bool) -> Adjust {
    Adjust {
        edge,
        unit,
        forward,
    }
}

pub(super) const ADJUST_END_RIGHT: Adjust = adjust(Edge::End, Unit::Character, true);
pub(super) const ADJUST_END_LEFT: Adjust = adjust(Edge::End, Unit::Character, false);
pub(super) const ADJUST_END_WORD_RIGHT: Adjust = adjust(Edge::End, Unit::Word, true);
pub(super) const ADJUST_END_WORD_LEFT: Adjust = adjust(Edge::End, Unit::Word, false);
pub(super) const ADJUST_START_LEFT: Adjust = adjust(Edge::Start, Unit::Character, false);
pub(super) const ADJUST_START_RIGHT: Adjust = adjust(Edge::Start, Unit::Character, true);
pub(super) const ADJUST_START_WORD_LEFT: Adjust = adjust(Edge::Start, Unit::Word, false);
pub(super) const ADJUST_START_WORD_RIGHT: Adjust = adjust(Edge::Start, Unit::Word, true);

/// Shift moves the end; Alt+Shift the start; Ctrl makes the step a word. Article scope: in a
/// text field these keys select text as usual.
pub(super) fn adjust_keys(how: Adjust) -> &'static [Shortcut] {
    const SHIFT: Modifiers = Modifiers::SHIFT;
    const WORD: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
    const START: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);
    const START_WORD: Modifiers = Modifiers::ALT.plus(WORD);
    let modifiers = match (how.edge, how.unit) {
        (Edge::End, Unit::Character) => 0,
        (Edge::End, Unit::Word) => 1,
        (Edge::Start, Unit::Character) => 2,
        (Edge::Start, Unit::Word) => 3,
    };
    static KEYS: [[Shortcut; 2]; 4] = [
        [
            article(SHIFT, Key::ArrowLeft),
            article(SHIFT, Key::ArrowRight),
        ],
        [
            article(WORD, Key::ArrowLeft),
            article(WORD, Key::ArrowRight),
        ],
        [
            article(START, Key::ArrowLeft),
            article(START, Key::ArrowRight),
        ],
        [
            article(START_WORD, Key::ArrowLeft),
            article(START_WORD, Key::ArrowRight),
        ],
    ];
    let key = usize::from(how.forward);
    std::slice::from_ref(&KEYS[modifiers][key])
}

pub(super) fn adjust_label(how: Adjust) -> &'static str {
    match (how.edge, how.unit, how.grows()) {
        (Edge::End, Unit::Character, true) => "Extend end by a character",
        (Edge::End, Unit::Character, false) => "Shrink end by a character",
        (Edge::End, Unit::Word, true) => "Extend end by a word",
        (Edge::End, Unit::Word, false) => "Shrink end by a word",
        (Edge::Start, Unit::Character, true) => "Extend start by a character",
        (Edge::Start, Unit::Character, false) => "Shrink start by a character",
        (Edge::Start, Unit::Word, true) => "Extend start by a word",
        (Edge::Start, Unit::Word, false) => "Shrink start by a word",
    }
}

/// Help shows each pair (extend / shrink the same end by the same unit) on one line, under
/// the extending command; the shrinking one's line says the same from its side.
pub(super) fn adjust_help(how: Adjust) -> &'static str {
    match (how.edge, how.unit) {
        (Edge::End, Unit::Character) => {
            "extend / shrink the selection at its end by a character; on a selected annotation, resize it (same id, tag and note; one undo step)"
        }
        (Edge::End, Unit::Word) => {
            "extend / shrink the selection or annotation at its end by a word"
        }
        (Edge::Start, Unit::Character) => {
            "extend / shrink the selection or annotation at its start by a character"
        }
        (Edge::Start, Unit::Word) => {
            "extend / shrink the selection or annotation at its start by a word"
        }
    }
}
