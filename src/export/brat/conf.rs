//! The configuration files of a brat folder export: `annotation.conf` (the three tags as
//! entity types, any overlap allowed, the status and both verdict scales as attributes) and
//! `visual.conf` (the tags' colours, from the report's palette).

use std::fmt::Write as _;

use super::syntax;
use crate::export::report::tag_colour;
use crate::model::{ScaleKind, Session, Status, Tag};

/// `annotation.conf` for a folder holding `sessions`: the verdict attributes list every
/// rating of every session's scales (retired ones too, since verdicts may use them), in
/// order, each once.
pub(super) fn annotation_conf(sessions: &[&Session]) -> String {
    let mut out = String::from(
        "# brat configuration written by Factmark (https://brat.nlplab.org/configuration.html).\n\
         # The three tags are entity types; annotations may nest and cross, as in Factmark.\n\
         # Status and verdicts are attributes; notes (AnnotatorNotes), claimants, sources,\n\
         # analysts and times are one-line comments on each annotation.\n\n[entities]\n",
    );
    for tag in Tag::ALL {
        let _ = writeln!(out, "{}", tag.label());
    }
    out.push_str(
        "\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n\
         [events]\n\n[attributes]\n",
    );
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.file_name()).collect();
    let _ = writeln!(
        out,
        "{}\tArg:<ENTITY>, Value:{}",
        syntax::STATUS,
        statuses.join("|")
    );
    for kind in ScaleKind::ALL {
        let tags: Vec<&str> = Tag::ALL
            .into_iter()
            .filter(|&tag| ScaleKind::for_tag(tag) == kind)
            .map(Tag::label)
            .collect();
        let mut values: Vec<String> = Vec::new();
        for session in sessions {
            for rating in &session.scales().get(kind).ratings {
                let value = syntax::encode_value(&rating.name);
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
        let name = match kind {
            ScaleKind::Rating => syntax::VERDICT,
            ScaleKind::Attribution => syntax::ATTRIBUTION,
        };
        let _ = writeln!(
            out,
            "{name}\tArg:{}, Value:{}",
            tags.join("|"),
            values.join("|")
        );
    }
    out
}

/// `visual.conf`: each tag's label and colour (white text on the dark claim blue).
pub(super) fn visual_conf() -> String {
    let mut out = String::from("# brat display settings written by Factmark.\n\n[labels]\n");
    for tag in Tag::ALL {
        let label = tag.label();
        let _ = writeln!(out, "{label} | {label} | {}", &label[..2]);
    }
    out.push_str(
        "\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n\
         ATTRIBUTE_DEFAULT\tglyph:*\n",
    );
    for tag in Tag::ALL {
        let text = if tag == Tag::Claim { "white" } else { "black" };
        let _ = writeln!(
            out,
            "{}\tbgColor:{}, fgColor:{text}",
            tag.label(),
            tag_colour(tag).hex()
        );
    }
    out
}
