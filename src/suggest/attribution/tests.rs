//! The attribution pass, one example each: speakers of quotes and reported speech over texts.

use super::*;
use crate::suggest::quotes;
use crate::suggest::sentences::{paragraphs, sentences};

/// (text, speaker) of each quote and reported statement.
fn attributed(text: &str) -> Vec<(&str, Option<String>, bool)> {
    let paragraphs = paragraphs(text);
    let sentences = sentences(text, &paragraphs);
    let quoted = quotes::find(text, &paragraphs);
    let ranges: Vec<Range<usize>> = sentences.iter().map(|s| s.range.clone()).collect();
    attribute(
        text,
        &paragraphs,
        &sentences,
        &quoted,
        &People::of(text, &ranges),
    )
    .into_iter()
    .map(|a| (&text[a.range], a.speaker, a.reported))
    .collect()
}

fn quote(text: &str, speaker: &str) -> (String, Option<String>, bool) {
    (text.to_owned(), Some(speaker.to_owned()), false)
}

fn owned(found: Vec<(&str, Option<String>, bool)>) -> Vec<(String, Option<String>, bool)> {
    found
        .into_iter()
        .map(|(t, s, r)| (t.to_owned(), s, r))
        .collect()
}

#[test]
fn speakers_after_before_and_interrupted() {
    let text = "“We will win,” said Ann Lee, the mayor. “And soon.”\n\
                Gov. Andy Beshear told reporters: “This is bad.”\n\
                “It is over,” Beshear said, “for now.”";
    assert_eq!(
        owned(attributed(text)),
        [
            quote("“We will win,”", "Ann Lee"),
            quote("“And soon.”", "Ann Lee"),
            quote("“This is bad.”", "Andy Beshear"),
            quote("“It is over,”", "Andy Beshear"),
            quote("“for now.”", "Andy Beshear"),
        ]
    );
}

#[test]
fn pronouns_take_the_last_person_or_speaker() {
    let text = "Amanda Hatton, 61, waded to the porch. “I have never seen this,” she said.\n\
                Many people were killed there, local activists said. “The bodies are there,” they said.";
    let found = attributed(text);
    assert_eq!(found[0].1.as_deref(), Some("Amanda Hatton"));
    assert_eq!(found[1].0, "Many people were killed there");
    assert_eq!(found[2].1.as_deref(), Some("local activists"));
}

#[test]
fn the_company_is_the_organisation_named_before() {
    let text = "Apple reported a drop in revenue. Its services business grew fast in Asia, the company said.";
    let found = attributed(text);
    assert_eq!(found[0].0, "Its services business grew fast in Asia");
    assert_eq!(found[0].1.as_deref(), Some("Apple"));
}

#[test]
fn scare_quotes_titles_and_names_are_not_quotes() {
    let text = "The so-called “peace plan” failed. Pals branded him “Lord Dean” at the pub. \
                Laws against “discrediting” the army apply. The film “Oppenheimer” won.";
    assert_eq!(attributed(text), []);
    let text = "He called the plan “a wish list without a budget.”";
    assert_eq!(attributed(text)[0].0, "“a wish list without a budget.”");
}

#[test]
fn speakers_after_titles_appositions_and_apostrophes() {
    // A title's full stop ends no sentence; a long apposition before the verb.
    let text = "“This is a spending bill,” said Sen. Lamar Alexander (R-Tenn).\n\
                \"Most parents vaccinate,\" Dr. Anne Schuchat, director of the CDC's \
                National Center for Immunization and Respiratory Diseases, said Thursday.";
    assert_eq!(
        owned(attributed(text)),
        [
            quote("“This is a spending bill,”", "Lamar Alexander"),
            quote("\"Most parents vaccinate,\"", "Anne Schuchat"),
        ]
    );
    // The person the subject opens with, not the organisation in the apposition; an
    // apostrophe inside a word ("world’s") is no closing quotation mark.
    let text = "Raymond Dalio, co-chief investment officer of the world’s largest hedge \
                fund, Bridgewater Associates, said he could not believe the mistakes.\n\
                “The panic selling is due to debt,” he said.";
    let found = attributed(text);
    assert_eq!(found[0].1.as_deref(), Some("Raymond Dalio"));
    assert_eq!(found[1].1.as_deref(), Some("Raymond Dalio"));
    // An organisation before the title qualifies it: the person is the speaker.
    let text = "Essex Police Chief Superintendent Simon Anslow praised the officers.\n\
                He said: “They went in armed with a stick, still armed with that knife.”";
    assert_eq!(attributed(text)[0].1.as_deref(), Some("Simon Anslow"));
    // A document in an earlier clause does not name the speaker.
    let text = "Mayor Ann Dolan and Vice Mayor Beau Wright stood behind Wilder's statement, \
                with Wright saying now is the time to \"actually invest in our city.\"";
    let found = attributed(text);
    assert_eq!(found[0].0, "\"actually invest in our city.\"");
    assert_eq!(found[0].1.as_deref(), Some("Beau Wright"));
}

#[test]
fn court_roles_bodies_and_quoting_verbs() {
    // "The judge" is not the defendant named before; "he" then is the judge.
    let text = "Ali Harbi Ali was handed a whole-life order.\n\
                The judge told 26-year-old Ali: “You have no remorse for what you did.”\n\
                He described the death as a loss “of national significance”.";
    let found = attributed(text);
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("judge")),
        "{found:?}"
    );
    // The judge named with the title before.
    let text = "Judge Catherine Evans jailed Gareth Pryce on Tuesday.\n\
                “You targeted people who trusted you,” the judge said.";
    assert_eq!(attributed(text)[0].1.as_deref(), Some("Catherine Evans"));
    // "X quotes Y as saying", a gerund after a comma, a document's author, "it".
    let text = "The Sentence Planning and Review Board met in private.\n\
                The Daily Mirror quotes the board as saying: “He should remain in prison for life.”\n\
                Javid refused to give details of the Conservatives’ spending plans, \
                telling the BBC: “I’m not going to get into individual policies today.”\n\
                The Met Office’s long-range forecast says: “Sunny and dry conditions will prevail.”\n\
                It adds: “It is uncertain how long the very hot weather will last.”";
    let speakers: Vec<Option<String>> = attributed(text).into_iter().map(|f| f.1).collect();
    assert_eq!(
        speakers,
        [
            Some("Sentence Planning and Review Board".to_owned()),
            Some("Javid".to_owned()),
            Some("Met Office".to_owned()),
            Some("Met Office".to_owned())
        ]
    );
    // A preposition names no one: the speaker comes from the verb before.
    let text = "Wes Streeting said he was hopeful. On the target, he acknowledged there was \
                “much more to do”, before adding: “There’s a big challenge here.”";
    let found = attributed(text);
    assert!(
        found
            .iter()
            .filter(|f| !f.2)
            .all(|f| f.1.as_deref() == Some("Wes Streeting")),
        "{found:?}"
    );
}

#[test]
fn partial_quotes_after_praise_and_quotes_over_paragraphs() {
    let text = "Chief Superintendent Simon Anslow praised his officers’ “astounding bravery”.";
    assert_eq!(
        owned(attributed(text)),
        [quote("“astounding bravery”", "Simon Anslow")]
    );
    // A name in quotes after such a verb stays a name.
    assert_eq!(
        attributed("The council welcomed the “Green Deal” plan."),
        []
    );
    // "It" after a quotation over three paragraphs is its speaker.
    let text = "The Met Office said: “Sunny spells will prevail.\n\
                “Temperatures will rise through the weekend.\n\
                “Showers are possible in the south.”\n\
                It adds: “It is uncertain how long the heat will last.”";
    let found = attributed(text);
    assert_eq!(found.len(), 2);
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Met Office")),
        "{found:?}"
    );
}

#[test]
fn ages_gerunds_and_the_paragraph_before_name_the_speaker() {
    // "the 21-year-old forward" is the person named before; the quotation opening the
    // next paragraph is theirs; "Saying" opening a sentence names no one.
    let text = "Mateus Fernandes joined West Ham from Southampton on Friday.\n\
                After the move, the 21-year-old forward said it was a big step in his career.\n\
                “I’m very happy to be here. The project, the stadium, everything.”\n\
                Saying it needed to cut costs, Hewlett Packard said it would shed jobs. \
                Other costs will be trimmed, the company said.";
    let speakers: Vec<(&str, Option<String>)> = attributed(text)
        .into_iter()
        .map(|(t, s, _)| (t, s))
        .collect();
    assert_eq!(speakers[0].1.as_deref(), Some("Mateus Fernandes"));
    assert_eq!(speakers[1].1.as_deref(), Some("Mateus Fernandes"));
    assert!(
        speakers[2..]
            .iter()
            .all(|s| s.1.as_deref() == Some("Hewlett Packard")),
        "{speakers:?}"
    );
}

#[test]
fn a_paragraph_ending_with_a_colon_introduces_the_quote() {
    let text = "Speaking in Chicago, Mayor Brandon Johnson said:\n“That ends today.”";
    assert_eq!(
        owned(attributed(text)),
        [quote("“That ends today.”", "Brandon Johnson")]
    );
}

#[test]
fn far_verbs_back_references_and_datelines() {
    // A speech verb far after a quote, past another clause, does not attribute it.
    let text = "The Met Office issued the UK’s first “red extreme” heat alert on Friday while the \
                government declared an emergency for the first time, saying people were at risk.";
    let found = attributed(text);
    assert!(found.iter().all(|f| f.2), "{found:?}");
    // "one of the people", "the television station", "The 26-year-old" refer back.
    let text = "Twitter may cut 300 jobs, according to people familiar with the matter. \
                An announcement may come on Thursday, one of the people said.\n\
                WDIV-TV reports that two cars were struck. \
                The television station says four people were in the car.\n\
                Ali Harbi Ali was found guilty.\n\
                The judge told Ali: “You have no remorse.”\n\
                The 26-year-old carried out the murder in Essex.\n\
                He told the trial he had no regrets.";
    let speakers: Vec<Option<String>> = attributed(text).into_iter().map(|f| f.1).collect();
    assert_eq!(
        speakers,
        [
            Some("people familiar with the matter".to_owned()),
            Some("people familiar with the matter".to_owned()),
            Some("WDIV-TV".to_owned()),
            Some("WDIV-TV".to_owned()),
            Some("judge".to_owned()),
            Some("Ali Harbi Ali".to_owned()),
        ]
    );
    // A dateline with a place in mixed case is not the speaker.
    let text = "El CENTRO, Calif. (AP) — Authorities say a semitruck has crashed into an SUV.";
    assert_eq!(attributed(text)[0].1.as_deref(), Some("Authorities"));
}

#[test]
fn single_quotes_in_a_headline_are_words_someone_used() {
    let text = "Huntley 'shows no remorse' - report\nTories reject Darling's ‘dodgy’ claims\n\
                The ‘Oppenheimer’ Effect\nThe board met. It called the plan ‘dodgy’ in passing.";
    let found: Vec<&str> = attributed(text).into_iter().map(|f| f.0).collect();
    assert_eq!(found, ["'shows no remorse'", "‘dodgy’"]);
}
