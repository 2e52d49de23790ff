//! Where the parsers read each value: a log that the section parsers write to at the places
//! where they take a value (`form::apply`, `detail::rows::Form::take_value`, the repayment
//! grid, the account captions and titles), kept only while an evidence parse asks for it.
//!
//! The parsers build `result` from plain `String`s, so a value's boxes cannot travel inside
//! the report without changing its types. Instead each taken value is noted here with the cell
//! boxes it was read from, in reading order, under the `result` section being filled and, where
//! the taker knows it, the JSON key it goes to. [`super::attribute`] then hands each leaf of
//! the finished report the first unused note of its section with the same text (and key).
//!
//! The log is thread-local because the report stage runs on the calling thread; when no
//! evidence parse is collecting, [`note`] is one thread-local read and nothing else.

use std::cell::RefCell;

use crate::layout::CellPiece;

/// One value as a parser took it.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Top-level `result` key of the section being parsed (`""` outside any section).
    pub section: &'static str,
    /// JSON key the value was set to, when the taker knows it (form-style sections).
    pub key: Option<String>,
    /// The text as handed to the report.
    pub text: String,
    /// Cell or line boxes it was read from (layout page coordinates).
    pub boxes: Vec<CellPiece>,
}

/// Everything noted during one report stage, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadLog {
    /// The notes, in the order the values were taken.
    pub notes: Vec<Note>,
}

struct Recorder {
    section: &'static str,
    log: ReadLog,
}

thread_local! {
    static RECORDER: RefCell<Option<Recorder>> = const { RefCell::new(None) };
}

/// Runs `f` with the log collecting; returns its result and what the parsers noted. Nested
/// calls are not expected; an inner one collects on its own and the outer one resumes after.
pub fn collect<R>(f: impl FnOnce() -> R) -> (R, ReadLog) {
    let outer = RECORDER.with(|r| {
        r.borrow_mut().replace(Recorder {
            section: "",
            log: ReadLog::default(),
        })
    });
    let out = f();
    let log = RECORDER.with(|r| {
        let mut slot = r.borrow_mut();
        let mine = slot.take().map(|rec| rec.log).unwrap_or_default();
        *slot = outer;
        mine
    });
    (out, log)
}

/// Whether a collecting parse is running on this thread (takers skip extra work otherwise).
pub fn active() -> bool {
    RECORDER.with(|r| r.borrow().is_some())
}

/// Runs `f` as the parser of `result` section `key`: notes taken meanwhile belong to it.
pub fn section<R>(key: &'static str, f: impl FnOnce() -> R) -> R {
    let prev = RECORDER.with(|r| {
        r.borrow_mut()
            .as_mut()
            .map(|rec| std::mem::replace(&mut rec.section, key))
    });
    let out = f();
    if let Some(prev) = prev {
        RECORDER.with(|r| {
            if let Some(rec) = r.borrow_mut().as_mut() {
                rec.section = prev;
            }
        });
    }
    out
}

/// Notes that `text` was taken from `boxes` (nothing unless collecting; empty texts are not
/// leaves and are not noted).
pub fn note(text: &str, boxes: &[CellPiece]) {
    note_keyed(None, text, boxes);
}

/// Like [`note`], with the JSON key the value is set to.
pub fn note_keyed(key: Option<&str>, text: &str, boxes: &[CellPiece]) {
    if text.is_empty() {
        return;
    }
    RECORDER.with(|r| {
        if let Some(rec) = r.borrow_mut().as_mut() {
            rec.log.notes.push(Note {
                section: rec.section,
                key: key.map(str::to_string),
                text: text.to_string(),
                boxes: boxes.to_vec(),
            });
        }
    });
}

/// The text of a value read in parts (a sentence wrapped over lines, sentences one after
/// another), joined; noted as one value with every part's boxes.
pub fn joined<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [CellPiece])>) -> String {
    let mut text = String::new();
    let mut boxes = Vec::new();
    for (t, b) in parts {
        text.push_str(t);
        boxes.extend_from_slice(b);
    }
    note(&text, &boxes);
    text
}

/// The string leaves of `after` that differ from `before`, each with its own key (the last
/// object key on its path): what one setter call wrote into a record.
pub fn changed_leaves(before: &serde_json::Value, after: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    diff(None, before, after, &mut out);
    out
}

fn diff(key: Option<&str>, before: &serde_json::Value, after: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value as J;
    match after {
        J::String(s) if before.as_str() != Some(s) => {
            if let Some(k) = key {
                out.push((k.to_string(), s.clone()));
            }
        }
        J::Object(map) => {
            for (k, v) in map {
                diff(Some(k), before.get(k).unwrap_or(&J::Null), v, out);
            }
        }
        J::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                diff(key, before.get(i).unwrap_or(&J::Null), v, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;

    fn piece() -> Vec<CellPiece> {
        vec![CellPiece {
            page: 0,
            rect: Rect::new(1.0, 2.0, 3.0, 4.0),
        }]
    }

    #[test]
    fn notes_are_kept_only_while_collecting_and_carry_their_section() {
        note("lost", &piece());
        let ((), log) = collect(|| {
            note("a", &piece());
            section("creditHeader", || note_keyed(Some("reportNo"), "b", &piece()));
            note("", &piece());
        });
        assert!(!active());
        let got: Vec<(&str, Option<&str>, &str)> = log
            .notes
            .iter()
            .map(|n| (n.section, n.key.as_deref(), n.text.as_str()))
            .collect();
        assert_eq!(got, [("", None, "a"), ("creditHeader", Some("reportNo"), "b")]);
    }

    #[test]
    fn a_value_read_in_parts_is_noted_once_with_every_box() {
        let (a, b) = (
            piece(),
            vec![CellPiece {
                page: 1,
                rect: Rect::new(5.0, 6.0, 7.0, 8.0),
            }],
        );
        let (text, log) = collect(|| section("creditHeader", || joined([("信息主体", &a[..]), ("申请", &b[..])])));
        assert_eq!(text, "信息主体申请");
        assert_eq!(log.notes.len(), 1);
        assert_eq!(log.notes[0].text, "信息主体申请");
        assert_eq!(log.notes[0].boxes, [a, b].concat());
    }

    #[test]
    fn changed_leaves_name_the_key_written() {
        let before = serde_json::json!({"a": "", "b": {"c": "x"}, "l": []});
        let after = serde_json::json!({"a": "1", "b": {"c": "x"}, "l": [{"d": "2"}]});
        assert_eq!(
            changed_leaves(&before, &after),
            [("a".to_string(), "1".to_string()), ("d".to_string(), "2".to_string())]
        );
    }
}
