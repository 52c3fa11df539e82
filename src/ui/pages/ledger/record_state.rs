//! What the record form holds while it is filled in: the fields and the roll call as signals,
//! the files (stored, chosen, removed), and the problems shown next to the fields.

use leptos::prelude::*;

use super::record::{attachment_problem, object_url, problem_text, revoke, FileItem, RollRow};
use crate::domain::ledger::{
    self, Absence, AttachmentProblem, LedgerField, LedgerProblems, LedgerRecord, MeetingKind, MAX_ATTACHMENTS,
};
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::i18n::{fill, K};
use crate::store::ledger::{NewAttachment, StoredAttachment};
use crate::store::{new_id, today};
use crate::ui::context::AppContext;

/// The record a new form starts from: `?date=` or today, `?kind=` or a committee meeting.
pub(super) fn new_record(branch: &str, date: Option<String>, kind: Option<String>) -> LedgerRecord {
    LedgerRecord {
        id: new_id(),
        branch: branch.to_string(),
        date: date.and_then(|d| d.parse().ok()).unwrap_or_else(today),
        kind: kind.and_then(|k| MeetingKind::from_code(&k)).unwrap_or(MeetingKind::CommitteeMeeting),
        topic: String::new(),
        place: String::new(),
        host: String::new(),
        attendees: Vec::new(),
        absentees: Vec::new(),
        minutes: String::new(),
        attachments: Vec::new(),
    }
}

/// The record's fields, each its own signal, and one line per member of the roll call.
#[derive(Clone, Copy)]
pub(super) struct RecordFields {
    id: StoredValue<String>,
    branch: StoredValue<String>,
    /// As typed; read (and refused) when the form is saved.
    pub(super) date: RwSignal<String>,
    pub(super) kind: RwSignal<MeetingKind>,
    pub(super) topic: RwSignal<String>,
    pub(super) place: RwSignal<String>,
    pub(super) host: RwSignal<String>,
    pub(super) minutes: RwSignal<String>,
    pub(super) rows: StoredValue<Vec<RollRow>>,
}

impl RecordFields {
    /// The fields of `start`, with the branch's roll call ticked as it was recorded.
    pub(super) fn new(start: &LedgerRecord, members: &[Member]) -> RecordFields {
        let rows = ledger::roll_call(members, &start.attendees, &start.absentees)
            .into_iter()
            .map(|entry| {
                let absence = start.absentees.iter().find(|a| a.member == entry.id);
                RollRow {
                    present: RwSignal::new(start.attendees.contains(&entry.id)),
                    absent: RwSignal::new(absence.is_some()),
                    reason: RwSignal::new(absence.map(|a| a.reason.clone()).unwrap_or_default()),
                    id: entry.id,
                    name: entry.name,
                    on_roll: entry.on_roll,
                }
            })
            .collect();
        RecordFields {
            id: StoredValue::new(start.id.clone()),
            branch: StoredValue::new(start.branch.clone()),
            date: RwSignal::new(start.date.to_string()),
            kind: RwSignal::new(start.kind),
            topic: RwSignal::new(start.topic.clone()),
            place: RwSignal::new(start.place.clone()),
            host: RwSignal::new(start.host.clone()),
            minutes: RwSignal::new(start.minutes.clone()),
            rows: StoredValue::new(rows),
        }
    }

    /// The record as entered, on `date` (the date field is parsed by the caller); attachments
    /// travel separately.
    pub(super) fn to_record(self, date: Date) -> LedgerRecord {
        let (attendees, absentees) = self.rows.with_value(|rows| {
            let attendees: Vec<String> =
                rows.iter().filter(|r| r.present.get_untracked()).map(|r| r.id.clone()).collect();
            let absentees: Vec<Absence> = rows
                .iter()
                .filter(|r| !r.present.get_untracked() && r.absent.get_untracked())
                .map(|r| Absence { member: r.id.clone(), reason: r.reason.get_untracked() })
                .collect();
            (attendees, absentees)
        });
        LedgerRecord {
            id: self.id.get_value(),
            branch: self.branch.get_value(),
            date,
            kind: self.kind.get_untracked(),
            topic: self.topic.get_untracked(),
            place: self.place.get_untracked(),
            host: self.host.get_untracked(),
            attendees,
            absentees,
            minutes: self.minutes.get_untracked(),
            attachments: Vec::new(),
        }
    }

    /// Everyone on the form's roll call, by id.
    pub(super) fn roll(&self) -> Vec<String> {
        self.rows.with_value(|r| r.iter().map(|r| r.id.clone()).collect())
    }

    /// A member's name as the roll call shows it (the id if not listed).
    fn member_name(&self, id: &str) -> String {
        self.rows
            .with_value(|r| r.iter().find(|r| r.id == id).map(|r| r.name.clone()).unwrap_or_else(|| id.to_string()))
    }
}

/// The record's files: those stored, those chosen and waiting for Save, those removed. Object
/// URLs are made once and revoked when a file leaves the list or the form goes away.
#[derive(Clone, Copy)]
pub(super) struct FileState {
    urls: StoredValue<Vec<String>>,
    pub(super) list: RwSignal<Vec<FileItem>>,
    pending: StoredValue<Vec<NewAttachment>, LocalStorage>,
    removed: RwSignal<Vec<String>>,
    /// Every file's name by id, removed ones too, for the problems that name them.
    names: StoredValue<Vec<(String, String)>>,
    /// Files refused when chosen, with the reason.
    refused: RwSignal<Vec<(String, AttachmentProblem)>>,
    /// A choice went over the number of files a record may have.
    too_many: RwSignal<bool>,
}

impl FileState {
    /// The stored files; call it in the form's body, whose end revokes the URLs.
    pub(super) fn new(files: &[StoredAttachment]) -> FileState {
        let urls = StoredValue::new(Vec::<String>::new());
        let initial: Vec<FileItem> = files
            .iter()
            .map(|f| {
                let url = object_url(&f.blob);
                urls.update_value(|u| u.push(url.clone()));
                FileItem {
                    id: f.meta.id.clone(),
                    name: f.meta.name.clone(),
                    mime: f.meta.mime.clone(),
                    size: f.meta.size,
                    url,
                    pending: false,
                }
            })
            .collect();
        on_cleanup(move || {
            urls.with_value(|list| list.iter().for_each(|u| revoke(u)));
        });
        FileState {
            urls,
            list: RwSignal::new(initial),
            pending: StoredValue::new_local(Vec::new()),
            removed: RwSignal::new(Vec::new()),
            names: StoredValue::new(files.iter().map(|f| (f.meta.id.clone(), f.meta.name.clone())).collect()),
            refused: RwSignal::new(Vec::new()),
            too_many: RwSignal::new(false),
        }
    }

    /// Adds the chosen files that may be attached, up to the limit; notes the others.
    pub(super) fn pick(&self, list: &web_sys::FileList) {
        let mut notes = Vec::new();
        let mut over = false;
        for i in 0..list.length() {
            let Some(file) = list.item(i) else { continue };
            let (name, mime, size) = (file.name(), file.type_(), file.size() as u64);
            if let Err(problem) = ledger::check_attachment(size, &mime) {
                notes.push((name, problem));
                continue;
            }
            if self.list.with_untracked(Vec::len) >= MAX_ATTACHMENTS {
                over = true;
                break;
            }
            let blob: web_sys::Blob = file.into();
            let url = object_url(&blob);
            self.urls.update_value(|u| u.push(url.clone()));
            let id = new_id();
            self.names.update_value(|n| n.push((id.clone(), name.clone())));
            self.list.update(|l| {
                l.push(FileItem { id: id.clone(), name: name.clone(), mime: mime.clone(), size, url, pending: true })
            });
            self.pending.update_value(|p| p.push(NewAttachment { id, name, mime, blob }));
        }
        self.refused.set(notes);
        self.too_many.set(over);
    }

    /// Takes a file off the list: a chosen one is forgotten, a stored one deleted on Save.
    pub(super) fn remove(&self, item: FileItem) {
        self.list.update(|l| l.retain(|f| f.id != item.id));
        if item.pending {
            self.pending.update_value(|p| p.retain(|f| f.id != item.id));
        } else {
            self.removed.update(|r| r.push(item.id.clone()));
        }
        revoke(&item.url);
        self.urls.update_value(|u| u.retain(|x| *x != item.url));
        self.too_many.set(false);
    }

    /// The files chosen since the form opened.
    pub(super) fn added(&self) -> Vec<NewAttachment> {
        self.pending.with_value(|p| p.clone())
    }

    /// The ids of the stored files removed.
    pub(super) fn dropped(&self) -> Vec<String> {
        self.removed.get_untracked()
    }

    fn file_name(&self, id: &str) -> String {
        self.names.with_value(|n| {
            n.iter().find(|(f, _)| f == id).map(|(_, name)| name.clone()).unwrap_or_else(|| id.to_string())
        })
    }
}

/// What is wrong with the form: the rule's problems (from the form's own check or the store's),
/// and a date that could not be read.
#[derive(Clone, Copy)]
pub(super) struct Problems {
    pub(super) found: RwSignal<LedgerProblems>,
    pub(super) date: RwSignal<Option<K>>,
}

impl Problems {
    pub(super) fn new() -> Problems {
        Problems { found: RwSignal::new(LedgerProblems::new()), date: RwSignal::new(None) }
    }

    /// The inline message of one field in the current language: attendance includes the
    /// absences, attachments the files refused when chosen.
    pub(super) fn of(self, field: LedgerField, fields: RecordFields, files: FileState) -> Signal<Option<String>> {
        let ctx = AppContext::get();
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let member = |id: &str| fields.member_name(id);
            let file = |id: &str| files.file_name(id);
            let mut texts: Vec<String> = self.found.with(|list| {
                list.iter()
                    .filter(|p| {
                        p.field == field || (field == LedgerField::Attendees && p.field == LedgerField::Absentees)
                    })
                    .map(|p| problem_text(p.field, &p.problem, &member, &file, locale))
                    .collect()
            });
            if field == LedgerField::Date {
                if let Some(key) = self.date.get() {
                    texts.insert(0, key.text(locale).to_string());
                }
            }
            if field == LedgerField::Attachments {
                texts.extend(files.refused.get().iter().map(|(name, p)| attachment_problem(name, p, locale)));
                if files.too_many.get() {
                    texts.push(fill(K::LgErrTooMany.text(locale), &[&MAX_ATTACHMENTS.to_string()]));
                }
            }
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    }
}
