//! Word snapping (`model::words`) in the scripts a newsroom meets: what a double-click selects
//! and how a drag widens, for Latin with combining marks, Cyrillic, Greek, Arabic, Hebrew,
//! Chinese, Japanese, Korean, Thai and emoji.
//!
//! The rules are Unicode word boundaries (UAX #29, unicode-segmentation). For scripts written
//! without spaces UAX #29 has no dictionary: each Chinese ideograph and each hiragana is its
//! own "word", a katakana run is one word, Thai breaks at every character (keeping combining
//! vowels and tone marks with their consonant). A drag therefore selects exactly the
//! characters dragged over in those scripts; a double-click selects one ideograph.

use std::ops::Range;

use factmark::model::words::{snap_to_words, word_at};

/// The word a double-click on the first char of `at` selects.
fn word(text: &str, at: &str) -> Option<String> {
    let offset = text.find(at).expect("probe in text");
    word_at(text, offset).map(|r| text[r].to_owned())
}

/// What a drag from the start of `from` to the end of `to` snaps to.
fn drag(text: &str, from: &str, to: &str) -> String {
    let start = text.find(from).expect("start in text");
    let end = text.find(to).expect("end in text") + to.len();
    text[snap_to_words(text, start..end)].to_owned()
}

/// What a drag over the byte range snaps to (the range may split characters).
fn drag_bytes(text: &str, range: Range<usize>) -> String {
    text[snap_to_words(text, range)].to_owned()
}

#[test]
fn latin_with_combining_marks_and_apostrophes() {
    // "é" as e + U+0301: the mark belongs to its word.
    let text = "Le pre\u{301}sident n'a pas parle\u{301} à Viačorka.";
    assert_eq!(word(text, "side").as_deref(), Some("pre\u{301}sident"));
    assert_eq!(
        word(text, "\u{301}sid").as_deref(),
        Some("pre\u{301}sident")
    );
    assert_eq!(drag(text, "le\u{301}", "Via"), "parle\u{301} à Viačorka");
    assert_eq!(word(text, "n'a").as_deref(), Some("n'a"));
}

#[test]
fn cyrillic_and_greek_words() {
    let text = "Власти Беларуси освободили 14 заключённых. Η Αθήνα χαιρέτισε.";
    assert_eq!(word(text, "ларуси").as_deref(), Some("Беларуси"));
    assert_eq!(word(text, "ённых").as_deref(), Some("заключённых"));
    assert_eq!(drag(text, "бодили", "14"), "освободили 14");
    assert_eq!(word(text, "θήνα").as_deref(), Some("Αθήνα"));
    assert_eq!(drag(text, "ρέτ", "ρέτ"), "χαιρέτισε");
}

#[test]
fn arabic_words_keep_their_marks() {
    let text = "أفرجت السلطات عن 14 سجينًا سياسيًا، من بينهم";
    // Tanween (U+064B) is part of the word; the Arabic comma is not.
    assert_eq!(word(text, "جين").as_deref(), Some("سجينًا"));
    assert_eq!(word(text, "ياسي").as_deref(), Some("سياسيًا"));
    assert_eq!(drag(text, "لطات", "14"), "السلطات عن 14");
    assert_eq!(word(text, "،"), None);
}

#[test]
fn hebrew_acronyms_with_gershayim_are_one_word() {
    let text = "דובר צה״ל אמר שהמצב רגוע";
    assert_eq!(word(text, "ה״ל").as_deref(), Some("צה״ל"));
    assert_eq!(drag(text, "בר", "אמ"), "דובר צה״ל אמר");
}

#[test]
fn chinese_snaps_per_ideograph() {
    let text = "北京，6月22日。白俄罗斯释放了14名政治犯。";
    // UAX #29 has no dictionary: one ideograph is one word; digits group.
    assert_eq!(word(text, "京").as_deref(), Some("京"));
    assert_eq!(word(text, "22").as_deref(), Some("22"));
    assert_eq!(word(text, "，"), None);
    // A drag keeps exactly the dragged characters and never splits one.
    assert_eq!(drag(text, "白", "斯"), "白俄罗斯");
    let start = text.find("释").unwrap() + 1; // inside 释
    let end = text.find("犯").unwrap() + 2; // inside 犯
    assert_eq!(drag_bytes(text, start..end), "释放了14名政治犯");
}

#[test]
fn japanese_katakana_runs_are_words_kana_and_kanji_are_not() {
    let text = "ミンスクで22日、チハノフスカヤ氏は語った。";
    assert_eq!(word(text, "ハノフ").as_deref(), Some("チハノフスカヤ"));
    assert_eq!(word(text, "ンスク").as_deref(), Some("ミンスク"));
    assert_eq!(word(text, "で").as_deref(), Some("で"));
    assert_eq!(word(text, "語").as_deref(), Some("語"));
    assert_eq!(drag(text, "フス", "氏"), "チハノフスカヤ氏");
}

#[test]
fn korean_words_are_space_separated() {
    let text = "벨라루스는 정치범 14명을 석방했다.";
    assert_eq!(word(text, "라루").as_deref(), Some("벨라루스는"));
    assert_eq!(word(text, "명을").as_deref(), Some("14명을"));
    assert_eq!(drag(text, "치", "석"), "정치범 14명을 석방했다");
}

#[test]
fn thai_snaps_per_character_without_splitting_marks() {
    let text = "สวัสดี ประเทศไทย";
    // No dictionary: each Thai character is a word, its vowel/tone marks stay attached.
    assert_eq!(word(text, "ว").as_deref(), Some("วั"));
    let sawat = text.find("ว").unwrap();
    // A drag ending between ว and its vowel mark ั still takes the mark.
    assert_eq!(drag_bytes(text, 0..sawat + 3), "สวั");
}

#[test]
fn emoji_are_never_split() {
    let text = "Great news 👍🏽 for 🇧🇾 families 👨‍👩‍👧 today";
    // Emoji are not words: a double-click on one selects nothing.
    assert_eq!(word(text, "👍"), None);
    // A drag that starts or ends inside an emoji sequence takes the whole sequence.
    let thumbs = text.find('👍').unwrap();
    assert_eq!(drag_bytes(text, thumbs..thumbs + 4), "👍🏽");
    let flag = text.find("🇧🇾").unwrap();
    assert_eq!(drag_bytes(text, flag + 4..flag + 6), "🇧🇾");
    let family = text.find("👨").unwrap();
    assert_eq!(drag(text, "famil", "👨"), "families 👨‍👩‍👧");
    assert_eq!(drag_bytes(text, family + 2..family + 9), "👨‍👩‍👧");
}

#[test]
fn mixed_scripts_in_one_line() {
    let text = "Лукашенко (Lukashenka) 卢卡申科 said «нет» — لا";
    assert_eq!(drag(text, "шенко", "Luka"), "Лукашенко (Lukashenka");
    assert_eq!(word(text, "卡").as_deref(), Some("卡"));
    assert_eq!(drag(text, "ет", "ет"), "нет");
    assert_eq!(word(text, "لا").as_deref(), Some("لا"));
}
