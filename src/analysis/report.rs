//! The report: the serializable contract that the CLI's `--format json`, the JS API and
//! the UI share (see `design.md`, "The report"). Field names may grow; the ones here
//! stay.
//!
//! Ids are positional and deterministic: documents keep their own ids, entities are
//! `e1..` (named entities in resolution order, then DATE and NUMBER entities by value),
//! claims `c1..` (by document, then position), clusters `k1..`, disagreements `x1..`.
//! All `start`/`end` are byte offsets into the document's text, and `text` is exactly
//! that slice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conflicts::{DisagreementKind, Severity};
use super::entities::Label;
use super::text::{Doc, Span};
use super::Analysis;

pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<EntityRecord>,
    pub claims: Vec<ClaimRecord>,
    pub clusters: Vec<ClusterRecord>,
    pub disagreements: Vec<DisagreementRecord>,
    #[serde(default)]
    pub diagnostics: Vec<DiagnosticRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`, when the text states it.
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Length of the text in bytes.
    pub length: usize,
}

/// A value attached to a DATE or NUMBER mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Value {
    /// An integer when the number is whole (730, not 730.0).
    pub fn number(x: f64) -> Value {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            Value::Int(x as i64)
        } else {
            Value::Float(x)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// DATE mentions: the date a relative expression was resolved against, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub label: Label,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: super::claims::ClaimKind,
    pub speaker: Option<String>,
    pub score: f32,
    /// The quoted passages, as byte ranges of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Span>,
    /// The whole sentence, as a byte range of the document, when the claim is one of its
    /// clauses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    pub id: String,
    pub claims: Vec<String>,
    pub summary: String,
    /// The documents whose claims are in the cluster, in document order.
    pub docs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SideRecord {
    pub value: String,
    pub normalized: Option<String>,
    pub docs: Vec<String>,
    pub evidence: Vec<EvidenceRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DisagreementRecord {
    pub id: String,
    pub kind: DisagreementKind,
    pub topic: String,
    pub severity: Severity,
    pub explanation: String,
    pub sides: Vec<SideRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticRecord {
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    pub message: String,
}

fn mention(doc: &Doc, span: Span) -> MentionRecord {
    MentionRecord {
        doc: doc.id.clone(),
        start: span.start,
        end: span.end,
        text: doc.text[span.range()].to_string(),
        value: None,
        unit: None,
        approx: None,
        anchor: None,
        anchor_source: None,
    }
}

fn evidence(doc: &Doc, span: Span) -> EvidenceRecord {
    EvidenceRecord {
        doc: doc.id.clone(),
        start: span.start,
        end: span.end,
        text: doc.text[span.range()].to_string(),
    }
}

fn source_name(source: super::time::AnchorSource) -> &'static str {
    source.as_str()
}

impl Report {
    /// Every span the report quotes (entity mentions, claims, disagreement evidence) as
    /// `(document id, start, end, text)`, for consumers that check or highlight them all.
    pub fn quoted_spans(&self) -> impl Iterator<Item = (&str, usize, usize, &str)> + '_ {
        let mentions = self
            .entities
            .iter()
            .flat_map(|e| &e.mentions)
            .map(|m| (m.doc.as_str(), m.start, m.end, m.text.as_str()));
        let claims = self.claims.iter().map(|c| (c.doc.as_str(), c.start, c.end, c.text.as_str()));
        let evidence = self
            .disagreements
            .iter()
            .flat_map(|x| &x.sides)
            .flat_map(|s| &s.evidence)
            .map(|e| (e.doc.as_str(), e.start, e.end, e.text.as_str()));
        mentions.chain(claims).chain(evidence)
    }

    /// Flattens an [`Analysis`] into the report.
    pub fn from_analysis(a: &Analysis) -> Report {
        let documents = a
            .docs
            .iter()
            .map(|d| DocumentRecord {
                id: d.id.clone(),
                title: d.meta.title.as_ref().map(|f| f.value.clone()),
                outlet: d.meta.outlet.as_ref().map(|f| f.value.clone()),
                published: d.meta.published.as_ref().map(|f| f.value.to_string()),
                byline: d.meta.byline.as_ref().map(|f| f.value.clone()),
                length: d.text.len(),
            })
            .collect();

        // Named entities, in resolution order.
        let mut entities: Vec<EntityRecord> = a
            .entities
            .iter()
            .map(|e| EntityRecord {
                id: format!("e{}", e.id.0 + 1),
                name: e.name.clone(),
                label: e.label,
                aliases: e.aliases.clone(),
                mentions: Vec::new(),
            })
            .collect();
        for doc in &a.docs {
            for m in &doc.mentions {
                if let Some(id) = m.entity {
                    if let Some(e) = entities.get_mut(id.0) {
                        e.mentions.push(mention(doc, m.span));
                    }
                }
            }
        }

        // DATE entities: one per resolved value (unresolved ones by their text).
        let mut dates: BTreeMap<String, Vec<MentionRecord>> = BTreeMap::new();
        for doc in &a.docs {
            for d in &doc.dates {
                let mut m = mention(doc, d.span);
                let key = match d.value {
                    Some(v) => {
                        m.value = Some(Value::Text(v.to_string()));
                        v.to_string()
                    }
                    None => m.text.to_lowercase(),
                };
                if let Some(anchor) = d.anchor {
                    m.anchor = Some(anchor.date.to_string());
                    m.anchor_source = Some(source_name(anchor.source).to_string());
                }
                dates.entry(key).or_default().push(m);
            }
        }
        // NUMBER entities: one per (value, unit).
        let mut numbers: BTreeMap<(String, String), Vec<MentionRecord>> = BTreeMap::new();
        for doc in &a.docs {
            for q in &doc.numbers {
                let mut m = mention(doc, q.span);
                m.value = Some(Value::number(q.value));
                m.unit = q.unit.clone();
                m.approx = q.approx.map(|x| x.as_str().to_string());
                let key = (format!("{:020.6}", q.value), q.unit.clone().unwrap_or_default());
                numbers.entry(key).or_default().push(m);
            }
        }
        let grouped = dates.into_iter().map(|(k, ms)| (Label::Date, k, ms)).chain(numbers.into_iter().map(
            |((_, unit), ms)| {
                let name = match (&ms[0].value, unit.is_empty()) {
                    (Some(Value::Int(x)), false) => format!("{x} {unit}"),
                    (Some(Value::Float(x)), false) => format!("{x} {unit}"),
                    (Some(Value::Int(x)), true) => x.to_string(),
                    (Some(Value::Float(x)), true) => x.to_string(),
                    _ => ms[0].text.clone(),
                };
                (Label::Number, name, ms)
            },
        ));
        for (label, name, ms) in grouped {
            let mut aliases: Vec<String> = ms.iter().map(|m| m.text.clone()).collect();
            aliases.sort();
            aliases.dedup();
            entities.push(EntityRecord {
                id: format!("e{}", entities.len() + 1),
                name,
                label,
                aliases,
                mentions: ms,
            });
        }

        // Claims, numbered by document then position.
        let mut claims = Vec::new();
        let mut claim_ids: Vec<Vec<String>> = Vec::new();
        for doc in &a.docs {
            let mut ids = Vec::new();
            for c in &doc.claims {
                let id = format!("c{}", claims.len() + 1);
                ids.push(id.clone());
                claims.push(ClaimRecord {
                    id,
                    doc: doc.id.clone(),
                    start: c.span.start,
                    end: c.span.end,
                    text: doc.text[c.span.range()].to_string(),
                    kind: c.kind,
                    speaker: c.speaker.map(|e| format!("e{}", e.0 + 1)),
                    score: (c.score * 1000.0).round() / 1000.0,
                    quotes: c.quotes.clone(),
                    sentence: (c.sentence != c.span).then_some(c.sentence),
                });
            }
            claim_ids.push(ids);
        }

        let clusters = a
            .clusters
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let mut docs: Vec<usize> = k.claims.iter().map(|c| c.doc).collect();
                docs.dedup();
                ClusterRecord {
                    id: format!("k{}", i + 1),
                    claims: k.claims.iter().map(|c| claim_ids[c.doc][c.claim].clone()).collect(),
                    summary: k.summary.clone(),
                    docs: docs.into_iter().map(|d| a.docs[d].id.clone()).collect(),
                }
            })
            .collect();

        let disagreements = a
            .disagreements
            .iter()
            .enumerate()
            .map(|(i, x)| DisagreementRecord {
                id: format!("x{}", i + 1),
                kind: x.kind,
                topic: x.topic.clone(),
                severity: x.severity,
                explanation: x.explanation.clone(),
                sides: x
                    .sides
                    .iter()
                    .map(|s| {
                        let mut docs: Vec<String> =
                            s.evidence.iter().map(|e| a.docs[e.doc].id.clone()).collect();
                        docs.dedup();
                        SideRecord {
                            value: s.value.clone(),
                            normalized: s.normalized.clone(),
                            docs,
                            evidence: s.evidence.iter().map(|e| evidence(&a.docs[e.doc], e.span)).collect(),
                        }
                    })
                    .collect(),
            })
            .collect();

        let diagnostics = a
            .docs
            .iter()
            .flat_map(|d| {
                d.diagnostics.iter().map(|x| DiagnosticRecord {
                    doc: d.id.clone(),
                    start: x.span.map(|s| s.start),
                    end: x.span.map(|s| s.end),
                    message: x.message.clone(),
                })
            })
            .collect();

        Report { version: VERSION, documents, entities, claims, clusters, disagreements, diagnostics }
    }
}
