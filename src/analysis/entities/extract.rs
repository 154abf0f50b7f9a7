//! Mention extraction in one document. Finds runs of capitalised words (joined by spaces,
//! hyphens, initials and connectors such as "of"), then decides what each run is from general
//! cues, in this order: a whole gazetteer name; a title ("Prime Minister", "Sir", "coach")
//! followed by a name (PERSON, the title left out); an organisation, event or place head word
//! at the end ("... Force", "... Marathon", "... Square"); gazetteer names at the start or
//! inside (split off); a common given name or initials first (PERSON); all-caps acronyms (ORG);
//! context ("said X", "in X", "X district", listed with places). A country, region or
//! people followed by one of its institutions ("Russia’s defence ministry") is one ORG. A run
//! that ends in the same words twice ("Ana Ruiz Ana Ruiz", a copy-paste artefact) is read as
//! two runs.
//! Lower-case event phrases come from [`super::events`]. Sentence-initial words, headlines
//! and all-caps lines only yield names confirmed elsewhere (see `Cue::is_weak`). Site chrome
//! yields nothing. Runs are capped at `MAX_RUN` words, so the cost stays linear.
//!
//! It does not find other lower-case names, nested entities, or names inside words.

use std::cell::{Cell, OnceCell};

use unicode_segmentation::UnicodeSegmentation;

use super::lexicon::{flag, FastMap, FastSet, GazetteerMatch, Lexicon, LEXICON};
use super::normalize::{fold, is_all_caps, is_capitalised};
use super::{Cue, Label, Mention};
use crate::analysis::text::{Doc, Exclusion, Span};

/// How many `is_lower_word` questions a document's tokens are scanned for before a set of
/// its lower-case words is built.
const LOWER_WORD_SCANS: usize = 16;

/// The most words a headline line has.
const HEADLINE_MAX_WORDS: usize = 20;

/// The longest run of capitalised words considered as one name.
const MAX_RUN: usize = 8;

/// Lower-case words that may join capitalised words inside a name ("Bank of England").
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "da", "do", "dos", "das", "del", "van", "von", "der", "den", "bin", "al", "el", "la",
    "le", "du", "di", "ibn", "y",
];

/// Abbreviated titles that may be followed by a dot inside a name ("Mr. Smith").
const DOTTED_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "rev", "prof", "sen", "rep", "gov", "capt",
    "maj", "jr", "sr",
];

/// Lower-case words after a hyphen that end a compound rather than continue a name
/// ("Russia-led", "US-based").
const HYPHEN_SUFFIXES: &[&str] = &[
    "led", "run", "era", "wide", "like", "type", "born", "made", "held", "born", "bound", "based", "backed",
    "owned", "style", "linked", "leaning", "friendly", "centric", "speaking", "specific", "bloc", "war",
    "way",
];

/// Lower-case words before a name that mark a place.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "at", "near", "from", "to", "outside", "across", "towards", "toward", "into", "between"];

/// Lower-case words after a name that mark a place.
const PLACE_NOUNS: &[&str] = &[
    "district",
    "city",
    "state",
    "province",
    "village",
    "town",
    "region",
    "county",
    "oblast",
    "prefecture",
    "municipality",
    "area",
    "station",
];

/// Reporting verbs that mark a speaker right before or after a name.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "wrote",
    "tweeted",
    "posted",
    "announced",
    "insisted",
    "warned",
    "claimed",
    "argued",
    "explained",
    "confirmed",
    "asked",
    "replied",
];

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    /// Index in the document's tokens.
    index: usize,
}

/// Finds the mentions of `doc` (see the module doc). Needs `tokens` and `sentences`;
/// computes tokens itself if the segmenter has not.
pub fn extract(doc: &mut Doc) {
    let lex = &*LEXICON;
    let text = doc.text.as_str();
    let computed;
    let tokens: &[Span] = if doc.tokens.is_empty() && !text.is_empty() {
        computed = text.unicode_word_indices().map(|(i, w)| Span::new(i, i + w.len())).collect::<Vec<_>>();
        &computed
    } else {
        &doc.tokens
    };
    let sentence_starts: Vec<usize> = doc.sentences.iter().map(|s| s.span.start).collect();
    let lines = line_ranges(text, tokens);
    let feats = token_flags(lex, text, tokens, &lines);
    let ctx = Context {
        lex,
        text,
        tokens,
        feats: &feats,
        sentence_starts: &sentence_starts,
        lower_words: OnceCell::new(),
        lower_word_questions: Cell::new(0),
    };

    let mut found: Vec<Mention> = Vec::new();
    let mut headline_runs: Vec<Vec<Tok>> = Vec::new();
    let mut run: Vec<Tok> = Vec::with_capacity(MAX_RUN);
    for line in lines {
        let line_span = Span::new(tokens[line.start].start, tokens[line.end - 1].end);
        let mode = if doc.exclusion_at(line_span) == Some(Exclusion::Caption) {
            LineMode::Prose
        } else {
            ctx.line_mode(line.clone())
        };
        let mut i = line.start;
        while i < line.end {
            if !ctx.starts_run(i) {
                i += 1;
                continue;
            }
            let next = ctx.collect_run(i, line.end, &mut run);
            i = next.max(i + 1);
            let span = Span::new(run[0].start, run[run.len() - 1].end);
            if doc.is_chrome(span) {
                continue;
            }
            match mode {
                LineMode::Prose => ctx.classify_run(&run, &mut found),
                LineMode::Headline | LineMode::Capitals => {
                    ctx.gazetteer_only(&run, &mut found, &mut headline_runs);
                }
            }
        }
    }
    // Headline and all-caps words: only names this document's prose (or a gazetteer) knows.
    if !headline_runs.is_empty() {
        let known = known_names(text, &found);
        for run in headline_runs {
            ctx.match_known(&run, &known, &mut found);
        }
    }
    extend_institutions(text, lex, &mut found);
    super::events::find(text, lex, &mut found, |span| doc.is_chrome(span));
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if m.span.is_empty() || kept.last().is_some_and(|k| k.span.overlaps(m.span)) {
            continue;
        }
        kept.push(m);
    }
    places_in_lists(text, &mut kept);
    doc.mentions = kept;
}

/// A lone capitalised word listed with places is a place: "in Soro, Balasore and Cuttack".
fn places_in_lists(text: &str, mentions: &mut [Mention]) {
    let is_list_gap = |gap: &str| matches!(gap, ", " | " and " | ", and " | " or " | ", or ");
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..mentions.len() {
            if !matches!(mentions[i].cue, Cue::Capitalised | Cue::Context) || mentions[i].label == Label::Gpe
            {
                continue;
            }
            let near_place = |j: usize| {
                let (a, b) = if j < i { (j, i) } else { (i, j) };
                mentions[j].label == Label::Gpe
                    && is_list_gap(&text[mentions[a].span.end..mentions[b].span.start])
            };
            if (i > 0 && near_place(i - 1)) || (i + 1 < mentions.len() && near_place(i + 1)) {
                mentions[i].label = Label::Gpe;
                mentions[i].cue = Cue::Context;
                changed = true;
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineMode {
    Prose,
    /// Title case: most content words capitalised.
    Headline,
    /// Mostly all-caps words.
    Capitals,
}

/// Token index ranges of the text's lines (a newline always ends a name).
fn line_ranges(text: &str, tokens: &[Span]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        // (Gaps are short: a plain loop beats a memchr call.)
        if i == tokens.len() || text.as_bytes()[tokens[i - 1].end..tokens[i].start].contains(&b'\n') {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Folded names of the prose mentions, and the last words of PERSON names.
fn known_names(text: &str, found: &[Mention]) -> FastMap<String, Label> {
    let mut known = FastMap::default();
    let mut seen: FastSet<&str> = FastSet::default();
    for m in found.iter().filter(|m| !m.cue.is_weak()) {
        let name = &text[m.span.range()];
        if !seen.insert(name) {
            continue;
        }
        known.entry(fold(name)).or_insert(m.label);
        if m.label == Label::Person {
            if let Some(last) = name.split_whitespace().last() {
                known.entry(fold(last)).or_insert(Label::Person);
            }
        }
    }
    known
}

struct Context<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    tokens: &'a [Span],
    /// The lexicon flags of each token.
    feats: &'a [u16],
    /// Sorted starts of the sentences.
    sentence_starts: &'a [usize],
    /// The words of the text that start with a lower-case letter (built when first asked).
    lower_words: OnceCell<FastSet<&'a str>>,
    /// How often `is_lower_word` was asked.
    lower_word_questions: Cell<usize>,
}

impl<'a> Context<'a> {
    /// True when `word` is a token of the text that starts with a lower-case letter. The
    /// first few questions are answered by a scan of the tokens, later ones by a set of
    /// those words built once (so the cost stays linear).
    fn is_lower_word(&self, word: &str) -> bool {
        if !word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let asked = self.lower_word_questions.get();
        if asked < LOWER_WORD_SCANS {
            self.lower_word_questions.set(asked + 1);
            return self.tokens.iter().any(|t| t.len() == word.len() && &self.text[t.range()] == word);
        }
        self.lower_words
            .get_or_init(|| {
                self.tokens
                    .iter()
                    .map(|t| &self.text[t.range()])
                    .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                    .collect()
            })
            .contains(word)
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range()]
    }

    fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.tokens[i - 1].end };
        &self.text[start..self.tokens[i].start]
    }

    /// Capitals: mostly all-caps words. Headline: no closing full stop, and nearly every
    /// content word (four letters or more, not a function word) capitalised.
    fn line_mode(&self, line: std::ops::Range<usize>) -> LineMode {
        if line.is_empty() {
            return LineMode::Prose;
        }
        let (mut words, mut caps, mut content, mut capitalised) = (0, 0, 0, 0);
        for i in line.clone() {
            let f = self.feats[i];
            if f & ALPHABETIC == 0 {
                continue;
            }
            words += 1;
            if f & ALL_CAPS != 0 {
                caps += 1;
            }
            if f & LONG != 0 && f & flag::NOT_NAME == 0 {
                content += 1;
                if f & CAPITALISED != 0 {
                    capitalised += 1;
                }
            }
        }
        let after = &self.text[self.tokens[line.end - 1].end..];
        let closing = after
            .chars()
            .take_while(|&c| c != '\n')
            .find(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | '’' | '\'' | ')'));
        if caps >= 2 && caps * 10 >= words * 7 {
            LineMode::Capitals
        } else if content >= 1
            && words <= HEADLINE_MAX_WORDS
            && capitalised * 10 >= content * 8
            && closing != Some('.')
        {
            LineMode::Headline
        } else {
            LineMode::Prose
        }
    }

    /// True when token `i` starts a sentence (or a quotation, or a line).
    fn is_sentence_initial(&self, i: usize) -> bool {
        if i == 0 || self.sentence_starts.binary_search(&self.tokens[i].start).is_ok() {
            return true;
        }
        let gap = self.gap_before(i);
        if gap.contains('\n') || gap.contains(['“', '"', '‘', '(', '[', ':', '—', '–', '|', '•']) {
            return true;
        }
        if gap.contains(['.', '!', '?']) {
            // "U.S. President": a dot after an initial or abbreviation does not end a sentence.
            let prev = self.word(i - 1);
            return !(prev.chars().count() == 1 || prev.contains('.') || is_one_of(prev, DOTTED_TITLES));
        }
        false
    }

    /// A capitalised word that can be part of a name (see [`can_start_run`]).
    fn starts_run(&self, i: usize) -> bool {
        self.feats[i] & STARTS_RUN != 0
    }

    /// Collects the run of name words starting at `i` (before `end`), with possessives and
    /// dotted abbreviations trimmed. Returns the run and the index after it.
    fn collect_run(&self, i: usize, end: usize, run: &mut Vec<Tok>) -> usize {
        run.clear();
        run.push(self.tok(i));
        let mut j = i;
        let mut ends_possessive = self.is_possessive(i);
        while !ends_possessive && j + 1 < end && run.len() < MAX_RUN {
            let gap = self.gap_before(j + 1);
            let prev = self.word(j);
            let next = self.word(j + 1);
            let joined = if self.starts_run(j + 1) {
                gap == " "
                    || gap == "\u{a0}"
                    || ((gap == "' " || gap == "’ ") && prev.ends_with('s'))
                    || gap == "-"
                    || (gap == ". " && self.is_abbreviation(prev))
                    || (gap == "." && self.is_abbreviation(prev))
            } else if gap == "-"
                && next.chars().all(|c| c.is_lowercase())
                && next.len() <= 4
                && !HYPHEN_SUFFIXES.contains(&next)
            {
                // Romanised syllables: "Jae-in", "Dae-jung".
                true
            } else if gap == " " && CONNECTORS.contains(&next) && j + 2 < end {
                // "Bank of England", "Office of the President".
                let mut k = j + 2;
                if self.word(k) == "the" && k + 1 < end && self.gap_before(k) == " " {
                    k += 1;
                }
                if self.gap_before(k) == " "
                    && self.starts_run(k)
                    && (next != "of" && next != "for" || self.feats[j] & (flag::ORG_HEAD | flag::TITLE) != 0)
                {
                    for t in j + 1..k {
                        run.push(self.tok(t));
                    }
                    j = k - 1;
                    true
                } else {
                    false
                }
            } else {
                false
            };
            if !joined {
                break;
            }
            j += 1;
            run.push(self.tok(j));
            ends_possessive = self.is_possessive(j);
        }
        j + 1
    }

    fn is_abbreviation(&self, word: &str) -> bool {
        word.chars().count() == 1 || (word.contains('.') && word.len() <= 6) || is_one_of(word, DOTTED_TITLES)
    }

    fn is_possessive(&self, i: usize) -> bool {
        let w = self.word(i);
        w.ends_with("'s") || w.ends_with("’s") || w.ends_with("'S") || w.ends_with("’S")
    }

    /// Token `i` with a possessive trimmed, and a dotted abbreviation's final dot included
    /// ("U.S." rather than "U.S").
    fn tok(&self, i: usize) -> Tok {
        let span = self.tokens[i];
        let w = self.word(i);
        let mut end = span.end;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if w.len() > suffix.len() && w.ends_with(suffix) {
                end -= suffix.len();
                break;
            }
        }
        if w.contains('.') && self.text[end..].starts_with('.') && w.len() <= 6 {
            end += 1;
        }
        Tok { start: span.start, end, index: i }
    }

    fn tok_text(&self, t: Tok) -> &str {
        &self.text[t.start..t.end]
    }

    fn tok_index(&self, t: Tok) -> usize {
        t.index
    }

    fn has(&self, t: Tok, bits: u16) -> bool {
        self.feats[t.index] & bits != 0
    }

    fn span_text(&self, run: &[Tok]) -> &str {
        &self.text[run[0].start..run[run.len() - 1].end]
    }

    fn is_connector(&self, t: Tok) -> bool {
        let w = self.tok_text(t);
        CONNECTORS.contains(&w) || w == "the"
    }

    fn lower(&self, t: Tok) -> String {
        self.tok_text(t).to_lowercase()
    }

    fn push(&self, out: &mut Vec<Mention>, run: &[Tok], label: Label, cue: Cue) {
        if run.is_empty() {
            return;
        }
        push_span(out, Span::new(run[0].start, run[run.len() - 1].end), label, cue);
    }

    /// Decides what a run of capitalised words in prose is (see the module doc).
    fn classify_run(&self, run: &[Tok], out: &mut Vec<Mention>) {
        // A name written twice in a row ("President Ana Ruiz Ana Ruiz", a copy-paste
        // artefact) is two mentions, not one name of four words.
        let n = run.len();
        let same = |a: usize, b: usize| self.tok_text(run[a]) == self.tok_text(run[b]);
        if let Some(m) = (2..=n / 2).find(|&m| (0..m).all(|j| same(n - 2 * m + j, n - m + j))) {
            self.classify_run(&run[..n - m], out);
            self.classify_run(&run[n - m..], out);
            return;
        }
        // Split at capitalised words that are never part of a name (weekdays, months, "And").
        if let Some(k) = run.iter().position(|&t| !self.is_connector(t) && self.has(t, flag::NOT_NAME)) {
            if k > 0 && !self.gazetteer_starts_at(run, k) {
                self.classify_run(&run[..k], out);
            }
            if k == 0 && self.gazetteer_starts_at(run, 0) {
                self.classify_clean(run, out);
                return;
            }
            if k + 1 < run.len() {
                self.classify_run(&run[k + 1..], out);
            }
            return;
        }
        self.classify_clean(run, out);
    }

    /// The gazetteer matches in the text of `run`. A run of one word of ASCII letters
    /// holds one only when the whole word is a one-word variant (the `GAZETTEER` flag), so
    /// it is searched only then.
    fn gazetteer_matches(&self, run: &[Tok]) -> Vec<GazetteerMatch> {
        let whole = self.span_text(run);
        if let [only] = run {
            if !self.has(*only, flag::GAZETTEER) && whole.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Vec::new();
            }
        }
        self.lex.gazetteer_matches(whole)
    }

    fn gazetteer_starts_at(&self, run: &[Tok], k: usize) -> bool {
        // A match longer than token `k` needs another token after it.
        if k + 1 == run.len() {
            return false;
        }
        let sub = &self.text[run[k].start..run[run.len() - 1].end];
        self.lex
            .gazetteer_matches(sub)
            .first()
            .is_some_and(|m| m.start == 0 && m.end > run[k].end - run[k].start)
    }

    fn classify_clean(&self, run: &[Tok], out: &mut Vec<Mention>) {
        let lex = self.lex;
        let mut run = run;
        while run.last().is_some_and(|&t| self.is_connector(t)) {
            run = &run[..run.len() - 1];
        }
        while run.first().is_some_and(|&t| self.is_connector(t)) {
            run = &run[1..];
        }
        if run.is_empty() {
            return;
        }
        let n = run.len();
        let first_index = self.tok_index(run[0]);
        let initial = self.is_sentence_initial(first_index);
        let whole = self.span_text(run);

        // 1. A whole gazetteer name.
        let matches = self.gazetteer_matches(run);
        if let Some(entry) = matches.first().filter(|m| m.start == 0 && m.end == whole.len()).map(|m| m.entry)
        {
            let cue = if initial && n == 1 && self.is_lower_word(&whole.to_lowercase()) {
                Cue::Initial
            } else {
                Cue::Gazetteer
            };
            self.push(out, run, lex.entries[entry].label, cue);
            return;
        }

        let heads = self.head_label(run);

        // 2. A title, then a name: "British Prime Minister Sir Alden Whitmore".
        if heads.is_none() {
            if let Some((title_start, name_start)) = self.last_title(run) {
                let name = &run[name_start..];
                if !name.iter().all(|&t| self.has(t, flag::GENERIC)) && !self.is_connector(name[0]) {
                    self.gazetteer_prefix(&run[..title_start], out);
                    self.push(out, name, Label::Person, Cue::Title);
                    if let Some(m) = out.last_mut() {
                        m.with_title.start = self.title_start(run[0]);
                    }
                    return;
                }
            }
            if self.title_only(run) {
                return;
            }
            // "President of Ukraine", "Prime Ministers of the UK": only what follows counts.
            if let Some((0, end)) = self.last_title(run) {
                if self.is_connector(run[end]) {
                    self.classify_clean(&run[end..], out);
                    return;
                }
            }
        }

        // 3. A head word: "Indian Air Force", "Chicago Marathon", "Independence Square".
        if let Some(label) = heads {
            if n >= 2 {
                let mut span_run: Vec<Tok> = run.to_vec();
                if label == Label::Event {
                    self.attach_year(&mut span_run);
                }
                self.push(out, &span_run, label, Cue::Head);
                return;
            }
        }

        // 4. Gazetteer names inside the run: split them off.
        let base = run[0].start;
        if let Some(m) = matches.first() {
            if m.start == 0 {
                let k = run.iter().position(|t| t.end - base >= m.end).map_or(n, |k| k + 1);
                let rest = &run[k..];
                let rest_is_person = !rest.is_empty() && self.has(rest[0], flag::GIVEN);
                let label = lex.entries[m.entry].label;
                // "Jordan Peterson" is a person; "Kenyan Amos Kiprotich" is NORP + PERSON.
                if !(rest_is_person && label == Label::Gpe && n == 2) {
                    self.push(out, &run[..k], label, Cue::Gazetteer);
                    if !rest.is_empty() {
                        self.classify_clean(rest, out);
                    }
                    return;
                }
            } else if run.len() > 1 {
                // A gazetteer name later in the run: classify what precedes it, then it.
                let k = run.iter().position(|t| t.start - base >= m.start).unwrap_or(n);
                if k > 0 && k < n && self.text[run[k - 1].end..run[k].start].contains('-') {
                    self.classify_clean(&run[..k], out);
                    self.classify_clean(&run[k..], out);
                    return;
                }
            }
        }

        // 5. Person-shaped: a given name or initials first. A sentence-initial word before a
        // given name is an ordinary word ("Teammate Amos Kiprotich").
        let first = self.tok_text(run[0]);
        if initial && n >= 3 && !self.has(run[0], flag::GIVEN) && self.has(run[1], flag::GIVEN) {
            self.classify_clean(&run[1..], out);
            return;
        }
        if (2..=4).contains(&n)
            && (self.has(run[0], flag::GIVEN) || self.is_initial(first))
            && !self.has(run[n - 1], flag::GENERIC)
        {
            self.push(out, run, Label::Person, Cue::GivenName);
            return;
        }

        // 6. Context.
        let prev_word = (first_index > 0).then(|| self.word(first_index - 1));
        let last_index = self.tok_index(run[n - 1]);
        let next_word = (last_index + 1 < self.tokens.len()).then(|| self.word(last_index + 1));
        let adjacent_prev = first_index > 0 && self.gap_before(first_index) == " ";
        let adjacent_next = last_index + 1 < self.tokens.len() && self.gap_before(last_index + 1) == " ";
        let prev_is = |list: &[&str]| adjacent_prev && prev_word.is_some_and(|w| is_one_of(w, list));
        let next_is = |list: &[&str]| adjacent_next && next_word.is_some_and(|w| is_one_of(w, list));
        if adjacent_prev
            && self.feats[first_index - 1] & flag::TITLE != 0
            && prev_word.is_some_and(|w| !is_capitalised(w))
        {
            self.push(out, run, Label::Person, Cue::Title);
            return;
        }
        if n == 1 {
            if self.has(run[0], flag::GENERIC) {
                return;
            }
            if is_all_caps(first)
                && first.chars().count() <= 6
                && first.chars().all(|c| c.is_alphabetic() || c == '.')
            {
                self.push(out, run, Label::Org, Cue::Acronym);
                return;
            }
            if initial {
                let label = if self.has(run[0], flag::GIVEN) { Label::Person } else { Label::Org };
                self.push(out, run, label, Cue::Initial);
                return;
            }
            if self.has(run[0], flag::GIVEN) {
                self.push(out, run, Label::Person, Cue::Context);
                return;
            }
        }
        if n >= 2 && self.has(run[0], flag::GENERIC) {
            // "World Record", "National Day" without a head word: a phrase, not a name.
            return;
        }
        let all_generic = run.iter().all(|&t| self.has(t, flag::GENERIC) || self.is_connector(t));
        if all_generic {
            return;
        }
        let by_context = next_is(PLACE_NOUNS)
            || prev_is(PLACE_PREPOSITIONS) && n <= 2
            || next_is(SPEECH_VERBS)
            || prev_is(SPEECH_VERBS);
        let label = if next_is(PLACE_NOUNS) || prev_is(PLACE_PREPOSITIONS) && n <= 2 {
            Label::Gpe
        } else if next_is(SPEECH_VERBS) || prev_is(SPEECH_VERBS) {
            Label::Person
        } else if (2..=4).contains(&n)
            && !run.iter().any(|&t| self.has(t, flag::GENERIC))
            && run
                .iter()
                .all(|&t| self.tok_text(t).chars().all(|c| c.is_alphabetic() || c == '-' || c == '.'))
        {
            Label::Person
        } else {
            Label::Org
        };
        let cue = if initial && n == 1 {
            Cue::Initial
        } else if by_context {
            Cue::Context
        } else if n == 1 {
            Cue::Capitalised
        } else {
            Cue::Shape
        };
        self.push(out, run, label, cue);
    }

    /// Where a titled name starts: its first word, or "former" right before it.
    fn title_start(&self, first: Tok) -> usize {
        let i = self.tok_index(first);
        if i > 0 && self.gap_before(i) == " " && matches!(self.word(i - 1), "former" | "late" | "then") {
            self.tokens[i - 1].start
        } else {
            first.start
        }
    }

    fn is_initial(&self, word: &str) -> bool {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty()
            && letters.len() <= 3
            && letters.iter().all(|c| c.is_uppercase())
            && (letters.len() == 1 || word.contains('.'))
    }

    /// The label an organisation, event or place head word at the end of the run implies.
    fn head_label(&self, run: &[Tok]) -> Option<Label> {
        let lex = self.lex;
        let n = run.len();
        let last = run[n - 1];
        if n >= 2 {
            if self.has(last, flag::EVENT_HEAD_LAST) {
                let two = format!("{} {}", self.lower(run[n - 2]), self.lower(last));
                if lex.event_heads.contains(&two) {
                    return Some(Label::Event);
                }
            }
            // "World War Two", "World War II".
            if self.has(run[n - 2], flag::EVENT_HEAD) && is_ordinal_word(&self.lower(last)) {
                return Some(Label::Event);
            }
        }
        if self.has(last, flag::ORG_HEAD) {
            return Some(Label::Org);
        }
        if self.has(last, flag::EVENT_HEAD) {
            return Some(Label::Event);
        }
        if self.has(last, flag::LOC_HEAD) {
            return Some(Label::Loc);
        }
        // "Ministry of Defence", "University of Chicago".
        if let Some(k) = run.iter().position(|&t| self.tok_text(t) == "of" || self.tok_text(t) == "for") {
            if k > 0 && self.has(run[k - 1], flag::ORG_HEAD) {
                return Some(Label::Org);
            }
        }
        None
    }

    /// The last title phrase in the run that is followed by more words: (title start, name
    /// start).
    fn last_title(&self, run: &[Tok]) -> Option<(usize, usize)> {
        let lex = self.lex;
        let mut best = None;
        let mut i = 0;
        while i < run.len() {
            let mut matched = usize::from(self.has(run[i], flag::TITLE));
            let mut phrase = String::new();
            let longest =
                if self.has(run[i], flag::TITLE_FIRST) { lex.max_title_words.min(run.len() - i) } else { 0 };
            for len in 1..=longest {
                if len > 1 {
                    phrase.push(' ');
                }
                let word = self.tok_text(run[i + len - 1]);
                phrase.extend(word.trim_end_matches('.').chars().flat_map(char::to_lowercase));
                if lex.titles.contains(&phrase) {
                    matched = len;
                }
            }
            if matched > 0 {
                if i + matched < run.len() {
                    let start = best.map_or(i, |(s, e): (usize, usize)| if e == i { s } else { i });
                    best = Some((start, i + matched));
                }
                i += matched;
            } else {
                i += 1;
            }
        }
        best
    }

    fn title_only(&self, run: &[Tok]) -> bool {
        run.iter().all(|&t| self.has(t, flag::GENERIC) || self.is_connector(t))
    }

    /// Emits the gazetteer names at the start of a title prefix ("British" in "British Prime
    /// Minister"), ignoring the title words.
    fn gazetteer_prefix(&self, run: &[Tok], out: &mut Vec<Mention>) {
        if run.is_empty() {
            return;
        }
        let whole = self.span_text(run);
        let base = run[0].start;
        for m in self.lex.gazetteer_matches(whole) {
            let span = Span::new(base + m.start, base + m.end);
            push_span(out, span, self.lex.entries[m.entry].label, Cue::Gazetteer);
        }
    }

    /// Extends an event name with an adjacent year: "2023 Chicago Marathon".
    fn attach_year(&self, run: &mut Vec<Tok>) {
        let first = self.tok_index(run[0]);
        if first > 0 && self.gap_before(first) == " " && is_year(self.word(first - 1)) {
            run.insert(0, self.tok(first - 1));
        }
        let last = self.tok_index(run[run.len() - 1]);
        if last + 1 < self.tokens.len() && self.gap_before(last + 1) == " " && is_year(self.word(last + 1)) {
            run.push(self.tok(last + 1));
        }
    }

    /// Headline and all-caps runs: gazetteer names are taken; the other words are kept for
    /// `match_known`.
    fn gazetteer_only(&self, run: &[Tok], out: &mut Vec<Mention>, rest: &mut Vec<Vec<Tok>>) {
        let base = run[0].start;
        let matches = self.gazetteer_matches(run);
        let mut covered = vec![false; run.len()];
        for m in &matches {
            let span = Span::new(base + m.start, base + m.end);
            for (k, t) in run.iter().enumerate() {
                if t.start >= span.start && t.end <= span.end {
                    covered[k] = true;
                }
            }
            push_span(out, span, self.lex.entries[m.entry].label, Cue::Gazetteer);
        }
        let mut current = Vec::new();
        for (k, &t) in run.iter().enumerate() {
            if covered[k] {
                if !current.is_empty() {
                    rest.push(std::mem::take(&mut current));
                }
            } else {
                current.push(t);
            }
        }
        if !current.is_empty() {
            rest.push(current);
        }
    }

    /// The longest sub-runs of a headline run whose folded text is a name found in prose.
    fn match_known(&self, run: &[Tok], known: &FastMap<String, Label>, out: &mut Vec<Mention>) {
        let mut i = 0;
        while i < run.len() {
            let mut hit = None;
            for len in (1..=4.min(run.len() - i)).rev() {
                let text = &self.text[run[i].start..run[i + len - 1].end];
                if let Some(&label) = known.get(&fold(text)) {
                    hit = Some((len, label));
                    break;
                }
            }
            match hit {
                Some((len, label)) => {
                    self.push(out, &run[i..i + len], label, Cue::Headline);
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// Shape bits of a token, above the lexicon's [`flag`] bits.
/// The token can start a run of name words ([`can_start_run`]).
const STARTS_RUN: u16 = 1 << 11;
const ALPHABETIC: u16 = 1 << 12;
const CAPITALISED: u16 = 1 << 13;
const ALL_CAPS: u16 = 1 << 14;
/// Four characters or more.
const LONG: u16 = 1 << 15;

/// A capitalised word that can be part of a name (not "XfeMEzPveZ"-like code), given its
/// [`shape`].
fn can_start_run(word: &str, shape: u16) -> bool {
    // What follows needs an upper-case first letter.
    shape & CAPITALISED != 0
        && is_capitalised(word)
        && word.chars().next().is_some_and(char::is_alphabetic)
        && case_changes(word) < 2
}

/// The shape of a word in one pass over its characters, with [`STARTS_RUN`].
fn shape(word: &str) -> u16 {
    let bits = letter_shape(word);
    if can_start_run(word, bits) {
        bits | STARTS_RUN
    } else {
        bits
    }
}

/// The letter shape bits of a word ([`ALPHABETIC`], [`CAPITALISED`], [`ALL_CAPS`],
/// [`LONG`]).
#[inline]
fn letter_shape(word: &str) -> u16 {
    if word.is_ascii() {
        return ascii_shape(word.as_bytes());
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 0 };
    let mut bits = 0;
    if first.is_alphabetic() {
        bits |= ALPHABETIC;
    }
    if first.is_uppercase() {
        bits |= CAPITALISED;
    }
    let (mut count, mut letters, mut lower) = (1, usize::from(first.is_alphabetic()), first.is_lowercase());
    for c in chars {
        count += 1;
        letters += usize::from(c.is_alphabetic());
        lower |= c.is_lowercase();
    }
    if !lower && letters >= 2 {
        bits |= ALL_CAPS;
    }
    if count >= 4 {
        bits |= LONG;
    }
    bits
}

/// [`shape`] of an ASCII word, byte by byte.
#[inline]
fn ascii_shape(word: &[u8]) -> u16 {
    let Some(&first) = word.first() else { return 0 };
    let mut bits = 0;
    if first.is_ascii_alphabetic() {
        bits |= ALPHABETIC;
    }
    if first.is_ascii_uppercase() {
        bits |= CAPITALISED;
    }
    let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let lower = word.iter().any(u8::is_ascii_lowercase);
    if !lower && letters >= 2 {
        bits |= ALL_CAPS;
    }
    if word.len() >= 4 {
        bits |= LONG;
    }
    bits
}

/// [`shape`] of the word at `span` of `text` when it is ASCII, one to eight bytes long and
/// followed by at least `8 - len` bytes: its bytes read as one number (SWAR), so no loop.
#[inline]
fn short_ascii_shape(text: &[u8], span: Span) -> Option<u16> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let len = span.end - span.start;
    let chunk = text.get(span.start..span.start + 8)?;
    if len == 0 || len > 8 {
        return None;
    }
    let x =
        u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
    let valid = HIGHS >> (64 - 8 * len);
    if x & valid != 0 {
        return None;
    }
    // The high bit of each byte of the word in `lo..=hi` (seven-bit values: no carries).
    let low = x & !HIGHS;
    let within = |lo: u8, hi: u8| {
        low.wrapping_add(ONES * u64::from(0x80 - lo)) & !low.wrapping_add(ONES * u64::from(0x7F - hi)) & valid
    };
    let (upper, lower) = (within(b'A', b'Z'), within(b'a', b'z'));
    let count = |bits: u64| (bits >> 7).wrapping_mul(ONES) >> 56;
    let mut bits = 0;
    if (upper | lower) & 0x80 != 0 {
        bits |= ALPHABETIC;
    }
    if upper & 0x80 != 0 {
        bits |= CAPITALISED;
        // `can_start_run`: at most one lower-case letter followed by an upper-case one.
        if count(upper & (lower << 8)) < 2 {
            bits |= STARTS_RUN;
        }
    }
    if lower == 0 && count(upper) >= 2 {
        bits |= ALL_CAPS;
    }
    if len >= 4 {
        bits |= LONG;
    }
    Some(bits)
}

/// The lexicon flags and shape bits of every token. A word's flags are those of its part before an
/// apostrophe ("I’ve" is "I"); an all-caps word is a "never a name" word only when it is
/// longer than two letters and no gazetteer acronym ("OUT" is, "US" and "WHO" are not).
/// Long lower-case words of prose lines ([`is_prose_word`]) are not looked up: no rule
/// reads their flags.
fn token_flags(lex: &Lexicon, text: &str, tokens: &[Span], lines: &[std::ops::Range<usize>]) -> Vec<u16> {
    let mut feats: Vec<u16> = tokens
        .iter()
        .map(|t| short_ascii_shape(text.as_bytes(), *t).unwrap_or_else(|| shape(&text[t.range()])))
        .collect();
    let mut scratch = String::new();
    for line in lines {
        let words = feats[line.clone()].iter().filter(|&&f| f & ALPHABETIC != 0).count();
        let may_be_headline = words <= HEADLINE_MAX_WORDS;
        for i in line.clone() {
            let word = &text[tokens[i].range()];
            let before_capitalised = feats.get(i + 1).is_some_and(|&f| f & CAPITALISED != 0);
            if !may_be_headline && !before_capitalised && is_prose_word(word) {
                continue;
            }
            feats[i] |= lexicon_flags(lex, word, feats[i], &mut scratch);
        }
    }
    feats
}

/// A lower-case word of five bytes or more: no name word (runs start capitalised and
/// take only short lower-case words), so its lexicon flags matter only in a line that may
/// be a headline ([`Context::line_mode`]) or before a capitalised word (a title before a
/// name).
fn is_prose_word(word: &str) -> bool {
    word.len() >= 5 && word.as_bytes()[0].is_ascii_lowercase()
}

/// The lexicon flags of one token with its `shape` bits (see [`token_flags`]).
fn lexicon_flags(lex: &Lexicon, word: &str, shape: u16, scratch: &mut String) -> u16 {
    if word.len() <= 3 && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return 0;
    }
    // The part before an apostrophe (`'`, or `’`: bytes E2 80 99).
    let bytes = word.as_bytes();
    let mut apostrophe = None;
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|&b| b == b'\'' || b == 0xE2) {
        let i = from + k;
        if bytes[i] == b'\'' || bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99][..]) {
            apostrophe = Some(i);
            break;
        }
        from = i + 1;
    }
    let head = apostrophe.map_or(word, |i| &word[..i]);
    let mut f = lex.flags(head, scratch);
    if f & flag::NOT_NAME != 0
        && shape & ALL_CAPS != 0
        && (head.chars().count() < 3 || f & flag::GAZETTEER != 0)
    {
        f &= !flag::NOT_NAME;
    }
    f
}

/// A country, region or people followed by one of its institutions ("Russia’s defence
/// ministry", "Ukrainian armed forces") becomes one ORG mention over both.
fn extend_institutions(text: &str, lex: &Lexicon, found: &mut [Mention]) {
    for m in found.iter_mut() {
        if !matches!(m.label, Label::Gpe | Label::Norp) || m.cue.is_weak() {
            continue;
        }
        let after = &text[m.span.end..];
        let Some(r) = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
            .or_else(|| after.strip_prefix(' '))
        else {
            continue;
        };
        let next_word = r.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if next_word.len() < 5
            || !lex.institution_first_words.iter().any(|w| w.eq_ignore_ascii_case(next_word))
        {
            continue;
        }
        let Some(phrase) = lex.institutions.iter().find(|p| {
            r.len() >= p.len()
                && r.is_char_boundary(p.len())
                && r[..p.len()].eq_ignore_ascii_case(p)
                && !r[p.len()..].starts_with(|c: char| c.is_alphanumeric())
        }) else {
            continue;
        };
        let end = text.len() - r.len() + phrase.len();
        m.span = Span::new(m.span.start, end);
        m.with_title = m.span;
        m.label = Label::Org;
        m.cue = Cue::Head;
    }
}

/// True when `word` equals one of the lower-case `list` words, ignoring ASCII case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// How often a lower-case letter is followed by an upper-case one ("McDonald": 1).
fn case_changes(word: &str) -> usize {
    let mut changes = 0;
    let mut prev_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && prev_lower {
            changes += 1;
        }
        prev_lower = c.is_lowercase();
    }
    changes
}

fn push_span(out: &mut Vec<Mention>, span: Span, label: Label, cue: Cue) {
    out.push(Mention { span, label, entity: None, with_title: span, cue });
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

fn is_ordinal_word(word: &str) -> bool {
    matches!(word, "one" | "two" | "three" | "i" | "ii" | "iii" | "1" | "2" | "3")
}

#[cfg(test)]
mod tests {
    use super::{shape, short_ascii_shape};
    use crate::analysis::text::Span;

    /// The in-place shape of short ASCII words is their shape.
    #[test]
    fn short_ascii_shapes_are_shapes() {
        let alphabet =
            [b'a', b'q', b'z', b'A', b'M', b'Z', b'0', b'9', b'-', b'.', b'\'', b'@', b'[', b'`', b'{'];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 8) as usize;
            let mut text: Vec<u8> = (0..len).map(|k| alphabet[((seed >> (4 * k)) % 15) as usize]).collect();
            text.extend_from_slice(b" tail of text");
            let word = std::str::from_utf8(&text[..len]).unwrap();
            assert_eq!(short_ascii_shape(&text, Span::new(0, len)), Some(shape(word)), "{word:?}");
        }
        assert_eq!(short_ascii_shape("é tail of text".as_bytes(), Span::new(0, 2)), None);
    }
}
