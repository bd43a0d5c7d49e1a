//! The reported-speech rules, one example each: what is reported and who said it.

use super::*;

/// The reported content of a one-sentence text, with the speaker's name.
fn reported(text: &str) -> Vec<(&str, Option<String>)> {
    find(text, 0..text.len(), &[], &People::whole(text))
        .into_iter()
        .map(|r| {
            let name = r.who.and_then(|w| w.name().map(str::to_owned));
            (&text[r.range], name)
        })
        .collect()
}

/// Asserts the reported content and speaker of one sentence each.
fn assert_reported(cases: &[(&str, &str, Option<&str>)]) {
    for &(sentence, content, speaker) in cases {
        assert_eq!(
            reported(sentence),
            [(content, speaker.map(str::to_owned))],
            "{sentence}"
        );
    }
}

#[test]
fn according_to_before_and_after() {
    assert_reported(&[
        (
            "According to the United Nations, about 300,000 people have left.",
            "about 300,000 people have left",
            Some("United Nations"),
        ),
        (
            "According to Franak Viačorka, a senior adviser, the release was a result of diplomacy.",
            "the release was a result of diplomacy",
            Some("Franak Viačorka"),
        ),
        (
            "As stated by a rights group, Vyasna, over 50,000 people have been detained.",
            "over 50,000 people have been detained",
            Some("Vyasna"),
        ),
        (
            "Turnout was 44.4 per cent, according to the Electoral Commission.",
            "Turnout was 44.4 per cent",
            Some("Electoral Commission"),
        ),
    ]);
}

#[test]
fn speech_verbs_with_and_without_that() {
    assert_reported(&[
        (
            "Labour said the figures masked a crisis in emergency care.",
            "the figures masked a crisis in emergency care",
            Some("Labour"),
        ),
        (
            "Sources close to the talks revealed that the envoy was the key figure.",
            "the envoy was the key figure",
            Some("Sources close to the talks"),
        ),
        // A pronoun is resolved by the attribution pass.
        (
            "She told The Guardian she wanted to go back.",
            "she wanted to go back",
            None,
        ),
    ]);
    assert_eq!(
        reported("The ministry announced new rules on Monday."),
        [],
        "announced needs that"
    );
    assert_eq!(reported("It is said that the talks failed."), []);
    assert_eq!(reported("People observe that the timing was chosen."), []);
}

#[test]
fn closing_attributions_and_gerunds() {
    assert_eq!(
        reported(
            "Damage could top $1 billion, Beshear said, adding that the state would ask for help."
        ),
        [
            ("Damage could top $1 billion", Some("Beshear".to_owned())),
            ("the state would ask for help", Some("Beshear".to_owned()))
        ]
    );
    assert_eq!(
        reported("Javid refused to give details, telling the BBC: “Not today.”"),
        [],
        "telling names whom first; a quote follows"
    );
    assert_eq!(
        reported("Javid refused to give details, telling reporters the plan was not ready."),
        [("the plan was not ready", Some("Javid".to_owned()))]
    );
    assert_eq!(
        reported(
            "The cuts are to be made through early retirement, the Palo Alto, Calif., company said."
        ),
        [(
            "The cuts are to be made through early retirement",
            Some("company".to_owned())
        )]
    );
    let text = "Citing the country’s desire to resume normalcy, he added, “Our job is to help.”";
    let quote = text.find('“').unwrap()..text.len();
    assert!(find(text, 0..text.len(), &[quote], &People::whole(text)).is_empty());
    assert_eq!(
        reported("Saudi Arabia said in a statement carried by the state news agency SPA."),
        []
    );
    assert_eq!(
        reported("Thomson Reuters said in February it planned to return $2 billion."),
        [(
            "it planned to return $2 billion",
            Some("Thomson Reuters".to_owned())
        )]
    );
    assert_eq!(
        reported(
            "Chief Jeff Baker tells the Times Herald of Port Huron in an email that an officer tried to stop the car."
        ),
        [(
            "an officer tried to stop the car",
            Some("Jeff Baker".to_owned())
        )]
    );
    assert_eq!(
        reported("Faraldi said if the budget moves forward, he will not be able to support it."),
        [(
            "if the budget moves forward, he will not be able to support it",
            Some("Faraldi".to_owned())
        )]
    );
    assert_eq!(
        reported("It is the largest change in years, confirmed Belarusian opposition sources."),
        [(
            "It is the largest change in years",
            Some("Belarusian opposition sources".to_owned())
        )]
    );
}

#[test]
fn a_second_verb_of_the_same_speaker_ends_the_first_content() {
    let cases: &[(&str, &[&str])] = &[
        (
            "David Cameron said the document was junk and said he had spotted mistakes in it.",
            &["the document was junk", "he had spotted mistakes in it"],
        ),
        (
            "He told the trial he had no regrets, defending his actions by saying the MP deserved to die.",
            &["he had no regrets", "the MP deserved to die"],
        ),
        (
            "The forward described the transfer as a dream come true, saying it is a big step.",
            &["the transfer as a dream come true", "it is a big step"],
        ),
        (
            "Wilder made the motion, emphasizing the bill would only rise by $150 and saying it is vital.",
            &["the bill would only rise by $150", "it is vital"],
        ),
        (
            "Streeting acknowledged there was much more to do, before adding: “It is a big challenge.”",
            &["there was much more to do"],
        ),
        // A verb inside what is reported is part of it.
        (
            "Police said the man told officers he was lost.",
            &["the man told officers he was lost"],
        ),
    ];
    for (sentence, contents) in cases {
        let quote = sentence.find('“').map(|at| at..sentence.len());
        let found: Vec<&str> = find(
            sentence,
            0..sentence.len(),
            quote.as_slice(),
            &People::whole(sentence),
        )
        .into_iter()
        .map(|r| &sentence[r.range])
        .collect();
        assert_eq!(found, *contents, "{sentence}");
    }
}

#[test]
fn plural_verbs_disclosure_and_nouns() {
    assert_reported(&[
        (
            "The Conservatives claim that a Labour government would spend an extra £1.2 trillion.",
            "a Labour government would spend an extra £1.2 trillion",
            Some("Conservatives"),
        ),
        (
            "Doctors and patient groups warn that the NHS is facing an uphill struggle.",
            "the NHS is facing an uphill struggle",
            Some("Doctors and patient groups"),
        ),
        (
            "Hammers coach Graham Potter disclosed that the midfielder will help the club improve.",
            "the midfielder will help the club improve",
            Some("Graham Potter"),
        ),
    ]);
    // A speech verb after a determiner or a preposition is a noun.
    assert_eq!(
        reported(
            "Labour was angry over claims that a Corbyn government would splurge £1 trillion."
        ),
        []
    );
    assert_eq!(
        reported("Casey's campaign called the claim a desperate lie from a rival."),
        []
    );
}

#[test]
fn contents_end_and_start_where_the_speakers_words_do() {
    assert_reported(&[
        // "that" after a clause of the content's own is part of it.
        (
            "The station says four people were in the car that was fleeing police.",
            "four people were in the car that was fleeing police",
            Some("station"),
        ),
        // "with X saying", and "even" opening the content.
        (
            "Three members stood behind the plan, with Wright saying now is the time to invest.",
            "now is the time to invest",
            Some("Wright"),
        ),
        (
            "The government declared an emergency, saying even fit people were at risk.",
            "even fit people were at risk",
            Some("government"),
        ),
        // A long subject made of a name.
        (
            "Young children kept high vaccination rates, officials at the U.S. Centers for Disease Control and Prevention said Thursday.",
            "Young children kept high vaccination rates",
            Some("U.S. Centers for Disease Control and Prevention"),
        ),
        // According to …, then a closing attribution: the attribution names the speaker.
        (
            "According to the 2012 survey, vaccination remains above 90 percent, the Centers for Disease Control reported.",
            "vaccination remains above 90 percent",
            Some("Centers for Disease Control"),
        ),
        // The speaker's evidence and a label before the words are not their words.
        (
            "The Conservatives claim that Labour would spend an extra £1.2 trillion, citing its manifesto.",
            "Labour would spend an extra £1.2 trillion",
            Some("Conservatives"),
        ),
        (
            "Heatwave: the record could be broken twice this week, Met Office says.",
            "the record could be broken twice this week",
            Some("Met Office"),
        ),
    ]);
    // A name with no verb after it is what was added, not what was said; with one, it opens
    // the words said.
    assert_eq!(
        reported("Chelsea added Spain goalkeeper Robert Sanchez from Brighton, for 25-million."),
        []
    );
    assert_reported(&[(
        "Labour said Reeves had broken her promise on taxes.",
        "Reeves had broken her promise on taxes",
        Some("Labour"),
    )]);
    // "He said: “…” and said X": the subject before the quote.
    let text = "Kwarteng said: “No figures” and said the manifesto would be costed later.";
    let quote = text.find('“').unwrap()..text.find('”').unwrap() + '”'.len_utf8();
    let found: Vec<(&str, Option<String>)> =
        find(text, 0..text.len(), &[quote], &People::whole(text))
            .into_iter()
            .map(|r| {
                (
                    &text[r.range],
                    r.who.and_then(|w| w.name().map(str::to_owned)),
                )
            })
            .collect();
    assert_eq!(
        found,
        [(
            "the manifesto would be costed later",
            Some("Kwarteng".to_owned())
        )]
    );
}

#[test]
fn described_as_and_quotes() {
    assert_eq!(
        reported("Ursula von der Leyen described the news as an example of optimism."),
        [(
            "the news as an example of optimism",
            Some("Ursula von der Leyen".to_owned())
        )]
    );
    let text = "Johnson said: “We will win.”";
    let quote = text.find('“').unwrap()..text.len();
    assert!(find(text, 0..text.len(), &[quote], &People::whole(text)).is_empty());
}
