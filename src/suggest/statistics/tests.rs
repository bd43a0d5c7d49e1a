//! The statistic rules, one example each: what is found (with its exact span) and what is not.

use super::*;
use crate::suggest::sentences::paragraphs;

/// The statistics of `text`, as the text they cover.
fn found(text: &str) -> Vec<&str> {
    find(text, &paragraphs(text))
        .into_iter()
        .map(|s| &text[s.range])
        .collect()
}

#[test]
fn counts_with_their_noun_phrase_and_approximators() {
    assert_eq!(
        found("Belarus released 14 political prisoners on Saturday."),
        ["14 political prisoners"]
    );
    assert_eq!(
        found("about 300,000 Belarusians have escaped"),
        ["about 300,000 Belarusians"]
    );
    assert_eq!(
        found("a total of more than 19 years of prison time"),
        ["a total of more than 19 years"]
    );
    assert_eq!(
        found("free the 1000+ political prisoners they hold"),
        ["1000+ political prisoners"]
    );
    assert_eq!(
        found("four National Guard helicopters had pulled"),
        ["four National Guard helicopters"]
    );
    assert_eq!(
        found("armed with two dozen journalists"),
        ["two dozen journalists"]
    );
    assert_eq!(found("killed at least 23 people"), ["at least 23 people"]);
    assert_eq!(
        found("The review pooled 45 meta-analyses covering them."),
        ["45 meta-analyses"]
    );
}

#[test]
fn separators_in_every_style() {
    assert_eq!(found("over 50,000 people"), ["over 50,000 people"]);
    assert_eq!(
        found("about 97 000 people set sail"),
        ["about 97 000 people"]
    );
    assert_eq!(
        found("157.651 migrants reached Italy"),
        ["157.651 migrants"]
    );
    assert_eq!(found("a rate of 2,5 per cent"), ["2,5 per cent"]);
}

#[test]
fn money_percentages_and_measures_end_at_the_unit() {
    assert_eq!(found("spent $2.5 billion on aid"), ["$2.5 billion"]);
    assert_eq!(found("a €40m deal"), ["€40m"]);
    assert_eq!(found("costs £3.2bn a year"), ["£3.2bn a year"]);
    assert_eq!(found("30 per cent of voters"), ["30 per cent"]);
    assert_eq!(found("fell 2.6% to €3.11"), ["2.6%", "€3.11"]);
    assert_eq!(found("peaked at 20.9 feet"), ["20.9 feet"]);
    assert_eq!(
        found("reached 419 parts per million"),
        ["419 parts per million"]
    );
    assert_eq!(found("warming of 2.7C by 2100"), ["2.7C"]);
    assert_eq!(found("fell to -25.4C overnight"), ["-25.4C"]);
    assert_eq!(found("a wage of $15 an hour"), ["$15 an hour"]);
    assert_eq!(found("earning 50k a year"), ["50k a year"]);
    assert_eq!(
        found("rose 0.3 percentage points"),
        ["0.3 percentage points"]
    );
    assert_eq!(found("he asked for ten grand"), ["ten grand"]);
}

#[test]
fn number_words_fractions_ratios_and_ranges() {
    assert_eq!(
        found("hundreds of protesters gathered"),
        ["hundreds of protesters"]
    );
    assert_eq!(
        found("tens of thousands of people fled"),
        ["tens of thousands of people"]
    );
    assert_eq!(found("a third of the budget"), ["a third"]);
    assert_eq!(
        found("almost three-quarters used a phone"),
        ["almost three-quarters"]
    );
    assert_eq!(found("Two-thirds of the links"), ["Two-thirds"]);
    assert_eq!(found("more than half of them"), ["more than half"]);
    assert_eq!(
        found("half a million children"),
        ["half a million children"]
    );
    assert_eq!(found("one in five adults"), ["one in five adults"]);
    assert_eq!(
        found("between 40 and 50 people"),
        ["between 40 and 50 people"]
    );
    assert_eq!(found("eight to 10 hours"), ["eight to 10 hours"]);
    assert_eq!(
        found("$2 billion to $4 billion"),
        ["$2 billion to $4 billion"]
    );
    assert_eq!(found("rose from $13.75 to $15"), ["$13.75", "$15"]);
    assert_eq!(found("leads 48% to 45%"), ["48%", "45%"]);
    assert_eq!(found("at least one person died"), ["at least one person"]);
    assert_eq!(
        found("one and a half million tonnes"),
        ["one and a half million tonnes"]
    );
}

#[test]
fn durations_that_say_how_long() {
    assert_eq!(found("sentenced to 11 years in prison"), ["11 years"]);
    assert_eq!(found("waited more than 18 months"), ["more than 18 months"]);
    assert_eq!(found("jailed for over 10 years"), ["over 10 years"]);
}

#[test]
fn dates_times_and_years_are_not_statistics() {
    for text in [
        "on 25 June the talks began",
        "June 25, 2025",
        "in May 2020 he was arrested",
        "the election of 2020",
        "In 2023 he was sentenced",
        "the 2020 elections",
        "in the 1990s",
        "at 10:30 on Monday",
        "at 3pm",
        "at 3 p.m. Friday",
        "by 1100 GMT",
        "at 8.30am",
        "the fiscal year 2024-25",
        "in their 80s",
    ] {
        assert_eq!(found(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn time_frames_are_not_statistics() {
    for text in [
        "in the last five years",
        "over the past 12 months",
        "within 48 hours",
        "two weeks ago",
        "after eight months",
        "the highest in 25 years",
        "over five years",
    ] {
        assert_eq!(found(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn identifiers_phones_ages_and_compounds_are_not_statistics() {
    for text in [
        "Covid-19 spread",
        "the G7 summit",
        "an F-16 crashed",
        "flight MH17",
        "Article 5 of the treaty",
        "Route 66",
        "Case No. 2023",
        "10 Downing Street",
        "call 1-800-733-2767 now",
        "call (626) 555-0143",
        "call 159",
        "+44 20 7946 0958",
        "pic.twitter.com/mZbk5PUeHk",
        "@oscepa and #G20",
        "(1/2)",
        "a 45-year-old man",
        "aged 45",
        "Jane Doe, 45, said",
        "a three-day visit",
        "the dad-of-three",
        "a 3-1 win",
        "voted 5-2 on Tuesday",
        "one of the largest",
        "no one came",
        "the two leaders met",
        "their three children",
        "the first time",
        "5G networks",
        "the third quarter",
        "year two of the plan",
        "the Boeing 737 Max",
        "type 2 diabetes",
        "children under five",
    ] {
        assert_eq!(found(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn the_line_and_mask_bound_every_span() {
    let text = "He said 14\npeople came. Call 555-0199 or visit a.com/12";
    let all = find(text, &paragraphs(text));
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(&text[all[0].range.clone()], "14");
    assert_eq!(found(""), Vec::<&str>::new());
    assert_eq!(found("7"), ["7"]);
}

#[test]
fn reasons_say_what_kind_of_number() {
    let text = "$5 and 5% and 5 km and 5 people and 5 to 6 and a third and 5 years";
    let reasons: Vec<&str> = find(text, &paragraphs(text))
        .into_iter()
        .map(|s| s.reason)
        .collect();
    assert_eq!(
        reasons,
        [
            "money",
            "percentage",
            "measurement",
            "number + what it counts",
            "range",
            "fraction",
            "duration"
        ]
    );
}

#[test]
fn currencies_with_letters_scales_and_broadcast_spellings() {
    assert_eq!(
        found("It will buy back up to US$9 billion, paying between US$42 and US$47 per share."),
        ["up to US$9 billion", "between US$42 and US$47 per share"]
    );
    assert_eq!(found("Senate OKs $1.9T virus relief bill"), ["$1.9T"]);
    assert_eq!(
        found("He joined for 77-point-6-million-pounds; the fee could reach 72-million-pounds."),
        ["77-point-6-million-pounds", "72-million-pounds"]
    );
    assert_eq!(found("Chelsea paid 25-million for him."), ["25-million"]);
    // A hyphen before a word that is no number or money is still a compound.
    assert_eq!(
        found("a 10-point plan and a 25-year-old"),
        Vec::<&str>::new()
    );
}

#[test]
fn noun_phrases_ranges_with_or_and_approximators() {
    assert_eq!(
        found("apprehended by two police officers armed only with batons"),
        ["two police officers"]
    );
    assert_eq!(found("It took two or three days."), ["two or three days"]);
    assert_eq!(
        found("coverage remains at or above 90 percent"),
        ["at or above 90 percent"]
    );
}

#[test]
fn ages_seasons_periods_and_time_frames() {
    for text in [
        "Holly and Jessica, both 10, vanished.",
        "patients younger than 5 years and older than 65 years",
        "children 19 to 35 months of age",
        "He will stay till the 2029/2030 season.",
        "the first opposition in 30 or 40 years to cut spending",
        "higher than the average over the past 20 trading days",
        "since the latter half of the 19th century",
    ] {
        assert_eq!(found(text), Vec::<&str>::new(), "{text}");
    }
    // A fraction of something still counts; so does a duration with no time frame.
    assert_eq!(found("half of voters agreed"), ["half"]);
    assert_eq!(
        found("shares fell for 20 trading days"),
        ["20 trading days"]
    );
}
