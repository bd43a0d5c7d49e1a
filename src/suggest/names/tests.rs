//! The name and speaker rules, one example each: names, titles, roles and pronouns.

use super::*;

fn who_before(text: &str) -> Option<Who> {
    who(text, 0..text.len(), Side::Before, &People::whole(text))
}

#[test]
fn names_drop_titles_and_tell_people_from_organisations() {
    let text =
        "Gov. Andy Beshear met the Office for National Statistics with UNHCR in Kentucky's capital";
    let found = names(text, 0..text.len(), &People::default());
    let summary: Vec<(&str, NameKind)> = found
        .iter()
        .map(|n| (n.text.as_str(), n.kind.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Andy Beshear", NameKind::Person),
            ("Office for National Statistics", NameKind::Organisation),
            ("UNHCR", NameKind::Organisation),
            ("Kentucky", NameKind::Other),
        ]
    );
    assert!(found[3].modifier, "Kentucky's capital");
    let text = "Ursula von der Leyen spoke; US President Donald Trump too";
    let found = names(text, 0..text.len(), &People::default());
    assert_eq!(found[0].text, "Ursula von der Leyen");
    assert_eq!(found[1].text, "Donald Trump");
}

#[test]
fn surnames_expand_to_the_full_name() {
    let text = "Gov. Andy Beshear spoke. Later Beshear left with Mr Baker.";
    let people = People::of(text, &[0..24, 25..text.len()]);
    assert_eq!(
        people.in_sentence(1)[0].kind,
        NameKind::Person,
        "a known surname"
    );
    assert_eq!(people.fullest("Beshear"), "Andy Beshear");
    assert_eq!(people.fullest("Baker"), "Baker");
}

#[test]
fn the_subject_names_the_speaker() {
    assert_eq!(who_before("she"), Some(Who::He));
    assert_eq!(who_before("they"), Some(Who::They));
    assert_eq!(
        who_before("Hans Kluge, WHO's regional director for Europe,"),
        Some(Who::Person("Hans Kluge".into()))
    );
    assert_eq!(
        who_before(
            "Finance Minister Christian Lindner, whose Free Democrats had insisted on no new debt,"
        ),
        Some(Who::Person("Christian Lindner".into()))
    );
    assert_eq!(
        who_before("The Food and Drink Federation"),
        Some(Who::Group("Food and Drink Federation".into()))
    );
    assert_eq!(
        who_before("a police spokesman"),
        Some(Who::Group("police spokesman".into()))
    );
    assert_eq!(
        who_before("the dad-of-two"),
        Some(Who::The("dad-of-two".into()))
    );
    assert_eq!(
        who_before("The survey of 2,000 people"),
        Some(Who::The("survey".into()))
    );
    assert_eq!(
        who_before("the researchers"),
        Some(Who::Group("researchers".into()))
    );
    assert_eq!(
        who_before("Belarusian opposition sources"),
        Some(Who::Group("Belarusian opposition sources".into()))
    );
    assert_eq!(who_before("People"), None, "nobody in particular");
    // Legal forms, tickers and times are no part of a name.
    assert_eq!(
        who_before("Thomson Reuters Corp TRI.TO"),
        Some(Who::Group("Thomson Reuters".into()))
    );
    assert_eq!(
        who_before("Hewlett Packard on Wednesday"),
        Some(Who::Person("Hewlett Packard".into()))
    );
    // A company described is the company named before.
    assert_eq!(
        who_before("the news and information company"),
        Some(Who::The("company".into()))
    );
    // A preposition opens the clause, not the subject.
    assert_eq!(
        who_before("About one in five voters"),
        Some(Who::Group("one in five voters".into()))
    );
    assert_eq!(who_before(", before"), None);
    let after = "about their spending plans";
    assert_eq!(
        who(after, 0..after.len(), Side::After, &People::default()),
        None
    );
    let after = "people familiar with the matter.";
    assert_eq!(
        who(after, 0..after.len(), Side::After, &People::default()),
        Some(Who::Group("people familiar with the matter".into()))
    );
    let after = "Sally Gainsbury, a senior policy analyst at the Nuffield Trust.";
    assert_eq!(
        who(after, 0..after.len(), Side::After, &People::default()),
        Some(Who::Person("Sally Gainsbury".into()))
    );
    let after = "the health secretary, Victoria Atkins.";
    assert_eq!(
        who(after, 0..after.len(), Side::After, &People::default()),
        Some(Who::Person("Victoria Atkins".into()))
    );
}

#[test]
fn currency_letters_are_no_name() {
    let text = "The deal is worth about US$17 billion to Thomson Reuters.";
    let found: Vec<String> = names(text, 0..text.len(), &People::default())
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(found, ["Thomson Reuters"]);
}
