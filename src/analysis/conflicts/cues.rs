//! Cue phrases in the included text, for the detectors that start from a word list (forms,
//! stances, intensities, rankings).
//!
//! How: a [`PhraseTable`] holds the phrases of a "phrase|class" data file, indexed by their
//! first folded word. [`Ctx::cues`] walks every sentence of every document that is not
//! excluded text, in order, and yields each phrase found in its words ([`Cue`]): the
//! longest one at a word, then the search goes on after it (or, with
//! [`Cues::overlapping`], at the next word; or where the caller says with
//! [`Cues::resume_at`]).
//!
//! It does not decide what a cue means: negation, the words around it and what it is
//! compared with are each detector's own.

use std::collections::HashMap;

use super::super::claims::lexicon;
use super::super::text::Span;
use super::Ctx;

/// Phrases from a data file of "phrase|class" lines, indexed by their first word.
pub(crate) struct PhraseTable {
    /// First folded word -> (the phrase's folded words, its class), longest first.
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
}

impl PhraseTable {
    pub fn new(data: &'static str) -> PhraseTable {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some((phrase, class)) = line.split_once('|') else { continue };
            let words: Vec<String> = phrase.split_whitespace().map(lexicon::fold).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push((words, class.trim().to_string()));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        PhraseTable { by_first }
    }

    /// The longest phrase starting at word `i` of `words`: its length in words and class.
    pub fn at(&self, words: &[lexicon::Word], i: usize) -> Option<(usize, &str)> {
        let list = self.by_first.get(&words.get(i)?.folded)?;
        list.iter()
            .find(|(phrase, _)| {
                words.len() - i >= phrase.len() && phrase.iter().zip(&words[i..]).all(|(p, w)| *p == w.folded)
            })
            .map(|(phrase, class)| (phrase.len(), class.as_str()))
    }
}

/// A phrase of a [`PhraseTable`] found in an included sentence.
pub(crate) struct Cue<'c> {
    pub doc: usize,
    /// The sentence's index in its document.
    pub sentence: usize,
    /// The sentence's span (absolute).
    pub sentence_span: Span,
    /// The sentence's words (offsets relative to the sentence).
    pub words: &'c [lexicon::Word],
    /// The phrase is `words[start..end]`.
    pub start: usize,
    pub end: usize,
    /// The phrase's class in the table.
    pub class: &'static str,
}

impl Cue<'_> {
    /// The phrase's span (absolute).
    pub fn span(&self) -> Span {
        self.span_through(self.end - 1)
    }

    /// The span (absolute) from the phrase's first word through word `last` of the sentence.
    pub fn span_through(&self, last: usize) -> Span {
        self.span_from(self.start, last)
    }

    /// The span (absolute) of words `first` through `last` of the sentence.
    pub fn span_from(&self, first: usize, last: usize) -> Span {
        Span::new(self.words[first].start, self.words[last].end).shift(self.sentence_span.start)
    }
}

/// The cues of a table in all included sentences, in document and text order (see
/// [`Ctx::cues`]).
pub(crate) struct Cues<'c> {
    ctx: &'c Ctx<'c>,
    table: &'static PhraseTable,
    doc: usize,
    sentence: usize,
    /// The next word of the current sentence to look at.
    at: usize,
    /// Look again one word after each cue's start rather than after its end.
    overlapping: bool,
}

impl<'c> Cues<'c> {
    /// Every word is looked at, even one inside the previous cue.
    pub fn overlapping(self) -> Cues<'c> {
        Cues { overlapping: true, ..self }
    }

    /// Go on in the current sentence from word `word` (after the cue last yielded).
    pub fn resume_at(&mut self, word: usize) {
        self.at = word;
    }
}

impl<'c> Iterator for Cues<'c> {
    type Item = Cue<'c>;

    fn next(&mut self) -> Option<Cue<'c>> {
        let ctx = self.ctx;
        while let Some(doc) = ctx.docs.get(self.doc) {
            let Some(sentence) = doc.sentences.get(self.sentence) else {
                (self.doc, self.sentence, self.at) = (self.doc + 1, 0, 0);
                continue;
            };
            if self.at == 0 && doc.exclusion_at(sentence.span).is_some() {
                (self.sentence, self.at) = (self.sentence + 1, 0);
                continue;
            }
            let words = ctx.sentence_words(self.doc, self.sentence);
            while self.at < words.len() {
                let start = self.at;
                let Some((length, class)) = self.table.at(words, start) else {
                    self.at += 1;
                    continue;
                };
                self.at = if self.overlapping { start + 1 } else { start + length };
                return Some(Cue {
                    doc: self.doc,
                    sentence: self.sentence,
                    sentence_span: sentence.span,
                    words,
                    start,
                    end: start + length,
                    class,
                });
            }
            (self.sentence, self.at) = (self.sentence + 1, 0);
        }
        None
    }
}

impl Ctx<'_> {
    /// The phrases of `table` in every sentence that is not excluded text.
    pub fn cues(&self, table: &'static PhraseTable) -> Cues<'_> {
        Cues { ctx: self, table, doc: 0, sentence: 0, at: 0, overlapping: false }
    }
}
