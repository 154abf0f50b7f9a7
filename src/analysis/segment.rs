//! Segmentation: paragraphs, sentences and word tokens, as byte spans.
//!
//! (Skeleton: line-based so far; see the issue tracker.)

use unicode_segmentation::UnicodeSegmentation;

use super::text::{Doc, Sentence, Span};

/// Fills `paragraphs`, `sentences` and `tokens`.
pub fn segment(doc: &mut Doc) {
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if !trimmed.trim().is_empty() {
            let span = Span::new(offset + lead, offset + trimmed.len());
            let paragraph = doc.paragraphs.len();
            doc.paragraphs.push(span);
            doc.sentences.push(Sentence { span, paragraph });
        }
        offset += line.len();
    }
    doc.tokens = doc.text.unicode_word_indices().map(|(i, w)| Span::new(i, i + w.len())).collect();
}
