//! `starbranch` — the auditors' command-line tool. It recomputes, with exactly the rules the app
//! uses (`starbranch::domain`), the ratings of an exchange document, the coverage report of
//! a backup file or an exchange document of version 2 or 3, the instructors' year of a backup and
//! where each branch's members' work stands on a day (docs/FORMAT.md §5, §9).
//!
//! ```text
//! starbranch rate FILE --period P                 P = YYYY-MM | YYYY-Qn | YYYY
//! starbranch coverage FILE --date D [--months N]  D = YYYY-MM-DD; FILE "-" reads stdin
//! starbranch instructors FILE --year Y            Y = YYYY; FILE "-" reads stdin
//! starbranch members FILE --date D                D = YYYY-MM-DD; FILE "-" reads stdin
//! starbranch verify FILE                          FILE: a backup; "-" reads stdin
//! ```
//!
//! `rate` prints a JSON array, one object per branch, sorted by branch id; `coverage`,
//! `instructors` and `members` print one JSON object; `verify` prints `verified: …` or the breaks, one
//! per line. Exit codes: 0 success, 1 not verified, 2 invalid input, bad usage or unreadable file
//! (messages on stderr, one per line).

use std::io::{Read, Write};
use std::process::ExitCode;

use serde::Serialize;
use starbranch::domain::files::backup::{self, BackupError, STORES};
use starbranch::domain::files::exchange::{self, ExchangeDocument};
use starbranch::domain::instructors::summary::{self, InstructorRecords};
use starbranch::domain::members::summary::{self as members_summary, MemberRecords};
use starbranch::domain::rating::engine::rate;
use starbranch::domain::trust::verify;
use starbranch::domain::units::report::{coverage_report, exchange_report, Registry};
use starbranch::domain::units::shell::DEFAULT_LIFE_MONTHS;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::{Period, Year};

fn usage() -> String {
    format!(
        "usage: starbranch rate FILE --period P
       starbranch coverage FILE --date D [--months N]
       starbranch instructors FILE --year Y
       starbranch members FILE --date D
       starbranch verify FILE
  rate      the ratings of an exchange document, as a JSON array sorted by branch id
    FILE    an exchange document (format starbranch.exchange, version 1 or 2); - reads standard input
    P       YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY (a year)
  coverage  the coverage figures and the shell screening of a backup, as a JSON object
    FILE    a backup file (format starbranch.backup, schema {schema} or older), or an exchange
            document of version 2 or 3 (coverage only: it holds no rolls or ledger); - reads standard input
    D       YYYY-MM-DD, the day of the figures and of the screening
    N       whole months before D's month looked at for organisational life (default {DEFAULT_LIFE_MONTHS})
  instructors  each instructor's year — reports filed and expected, satisfaction rate, result —
               of a backup, as a JSON object, stated for Y's last day or the day the backup
               was made, whichever is earlier, under the backup's own instructor settings
    FILE    a backup file (format starbranch.backup, schema {schema} or older); - reads standard input
    Y       YYYY, the year
  members   per open branch: people per pipeline stage and overdue steps, the month's dues
            collection rate (percent to the hundredth, null when nothing was due), members with
            3 or more consecutive unpaid months, and mobile members whose report is overdue — of a
            backup, as a JSON object, under the backup's own members settings
    FILE    a backup file (format starbranch.backup, schema {schema} or older); - reads standard input
    D       YYYY-MM-DD, the day (dues: its month)
  verify    recomputes a backup's history chain, compares its sheets and reviews with the history
            and every publication in force with its recorded inputs and the engine run again;
            prints \"verified: N entries, M publications\" or every break, the first first
    FILE    a backup file (format starbranch.backup, schema {schema} or older); - reads standard input
Exit code 1 when verify finds a break, 2 on invalid input, bad usage or an unreadable file.",
        schema = supported_schema()
    )
}

/// What the command line asked for.
enum Request {
    Rate { file: String, period: Period },
    Coverage { file: String, date: Date, months: u32 },
    Instructors { file: String, year: Year },
    Members { file: String, date: Date },
    Verify { file: String },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    match parse_args(&args) {
        Ok(Request::Rate { file, period }) => run_rate(&file, period),
        Ok(Request::Coverage { file, date, months }) => run_coverage(&file, date, months),
        Ok(Request::Instructors { file, year }) => run_instructors(&file, year),
        Ok(Request::Members { file, date }) => run_members(&file, date),
        Ok(Request::Verify { file }) => run_verify(&file),
        Err(message) => fail(&[message, usage()]),
    }
}

fn run_rate(file: &str, period: Period) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {file}: {e}")]),
    };
    let document = match ExchangeDocument::parse(&text) {
        Ok(document) => document,
        Err(errors) => {
            let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            lines.push(format!("{file}: {} problem(s); nothing rated", errors.len()));
            return fail(&lines);
        }
    };
    print_json(&rate(&document, period), "the ratings")
}

fn run_coverage(file: &str, date: Date, months: u32) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {file}: {e}")]),
    };
    if is_exchange(&text) {
        return match ExchangeDocument::parse(&text) {
            Ok(document) => print_json(&exchange_report(&document, date), "the report"),
            Err(errors) => refuse(file, errors.iter().map(ToString::to_string)),
        };
    }
    let schema = supported_schema();
    // Migrated as a restore would, so an older backup reads as the app's current records.
    let backup = match backup::parse(&text, schema) {
        Ok(backup) => backup.migrated(schema),
        Err(BackupError::Invalid(problems)) => return refuse(file, problems.iter().map(ToString::to_string)),
        Err(error) => return refuse(file, [error.to_string()]),
    };
    let registry = match Registry::from_stores(&backup.stores) {
        Ok(registry) => registry,
        Err(problems) => return refuse(file, problems.iter().map(ToString::to_string)),
    };
    print_json(&coverage_report(&registry, date, months), "the report")
}

fn run_instructors(file: &str, year: Year) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {file}: {e}")]),
    };
    let schema = supported_schema();
    let backup = match backup::parse(&text, schema) {
        Ok(backup) => backup.migrated(schema),
        Err(BackupError::Invalid(problems)) => return refuse(file, problems.iter().map(ToString::to_string)),
        Err(error) => return refuse(file, [error.to_string()]),
    };
    // The date part of the ISO-8601 time the app writes (UTC).
    let Some(made) = backup.created_at.get(..10).and_then(|d| d.parse::<Date>().ok()) else {
        return refuse(file, [format!("created_at {:?} does not begin with a date YYYY-MM-DD", backup.created_at)]);
    };
    let records = match InstructorRecords::from_stores(&backup.stores) {
        Ok(records) => records,
        Err(problems) => return refuse(file, problems.iter().map(ToString::to_string)),
    };
    // `parse_args` accepts only years with dates.
    let today = summary::summary_day(year, made).unwrap_or(made);
    print_json(&summary::to_json(year, &records.summary(year, today)), "the summary")
}

fn run_members(file: &str, date: Date) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {file}: {e}")]),
    };
    let schema = supported_schema();
    let backup = match backup::parse(&text, schema) {
        Ok(backup) => backup.migrated(schema),
        Err(BackupError::Invalid(problems)) => return refuse(file, problems.iter().map(ToString::to_string)),
        Err(error) => return refuse(file, [error.to_string()]),
    };
    let records = match MemberRecords::from_stores(&backup.stores) {
        Ok(records) => records,
        Err(problems) => return refuse(file, problems.iter().map(ToString::to_string)),
    };
    let summaries = members_summary::branch_summaries(&records, date);
    print_json(&members_summary::to_json(date, &summaries, &records.members), "the summary")
}

fn run_verify(file: &str) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {file}: {e}")]),
    };
    let schema = supported_schema();
    let backup = match backup::parse(&text, schema) {
        Ok(backup) => backup.migrated(schema),
        Err(BackupError::Invalid(problems)) => return refuse(file, problems.iter().map(ToString::to_string)),
        Err(error) => return refuse(file, [error.to_string()]),
    };
    let found = verify::verify(&backup);
    if !found.is_verified() {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{file}: not verified ({} breaks)", found.breaks.len());
        for broken in &found.breaks {
            let _ = writeln!(err, "{broken}");
        }
        return ExitCode::from(1);
    }
    let head = found.chain.head.as_ref().map_or_else(|| "none".to_string(), |h| h.short());
    println!("verified: {} entries, {} publications", found.chain.entries, found.publications);
    println!(
        "chain head {head}; {} entries from before the chain; {} sheets and reviews checked against the history, {} not described by it",
        found.chain.legacy, found.records_checked, found.records_uncovered
    );
    ExitCode::SUCCESS
}

/// Whether the file names itself an exchange document; anything else is read as a backup, whose
/// messages say what a file should be.
fn is_exchange(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    serde_json::from_str::<Head>(text).ok().and_then(|h| h.format).as_deref() == Some(exchange::FORMAT_NAME)
}

/// The schema this build reads: the newest store's.
fn supported_schema() -> u32 {
    STORES.iter().map(|s| s.since).max().unwrap_or(1)
}

/// `rate FILE --period P`, `coverage FILE --date D [--months N]`, `instructors FILE --year Y` or
/// `members FILE --date D`, the options in any order, `--name=value` also accepted.
fn parse_args(args: &[String]) -> Result<Request, String> {
    let Some((command, rest)) = args.split_first() else { return Err("missing command".to_string()) };
    match command.as_str() {
        "rate" => {
            let mut period = None;
            let file = scan(rest, &["--period"], |name, value| {
                let parsed = value.parse::<Period>().map_err(|e| e.to_string())?;
                once(&mut period, parsed, name)
            })?;
            Ok(Request::Rate { file: file.ok_or("missing FILE")?, period: period.ok_or("missing --period")? })
        }
        "coverage" => {
            let (mut date, mut months) = (None, None);
            let file = scan(rest, &["--date", "--months"], |name, value| {
                if name == "--date" {
                    once(&mut date, value.parse::<Date>().map_err(|e| e.to_string())?, name)
                } else {
                    let parsed = value
                        .parse::<u32>()
                        .map_err(|_| format!("--months must be a whole number from 0, not {value:?}"))?;
                    once(&mut months, parsed, name)
                }
            })?;
            Ok(Request::Coverage {
                file: file.ok_or("missing FILE")?,
                date: date.ok_or("missing --date")?,
                months: months.unwrap_or(DEFAULT_LIFE_MONTHS),
            })
        }
        "instructors" => {
            let mut year = None;
            let file = scan(rest, &["--year"], |name, value| {
                let parsed = value
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| Date::new(*y, 12, 31).is_some())
                    .and_then(Year::new)
                    .ok_or_else(|| format!("--year must be a year YYYY from 1900 to 2999, not {value:?}"))?;
                once(&mut year, parsed, name)
            })?;
            Ok(Request::Instructors { file: file.ok_or("missing FILE")?, year: year.ok_or("missing --year")? })
        }
        "members" => {
            let mut date = None;
            let file = scan(rest, &["--date"], |name, value| {
                once(&mut date, value.parse::<Date>().map_err(|e| e.to_string())?, name)
            })?;
            Ok(Request::Members { file: file.ok_or("missing FILE")?, date: date.ok_or("missing --date")? })
        }
        "verify" => {
            let file = scan(rest, &[], |_, _| Ok(()))?;
            Ok(Request::Verify { file: file.ok_or("missing FILE")? })
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

/// Walks `FILE` and the options `names` (`--name V` or `--name=V`) in any order, handing each
/// option's value to `set`; returns the file, if given. The first problem met is the answer.
fn scan(
    args: &[String],
    names: &[&str],
    mut set: impl FnMut(&str, &str) -> Result<(), String>,
) -> Result<Option<String>, String> {
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let option = names.iter().find_map(|&name| {
            if arg == name {
                Some((name, None))
            } else {
                arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')).map(|value| (name, Some(value)))
            }
        });
        match option {
            Some((name, value)) => {
                let value = match value {
                    Some(value) => value,
                    None => args.next().ok_or(format!("{name} needs a value"))?.as_str(),
                };
                set(name, value)?;
            }
            None if arg.starts_with("--") => return Err(format!("unknown option {arg:?}")),
            None if file.is_some() => return Err(format!("unexpected argument {arg:?}")),
            None => file = Some(arg.clone()),
        }
    }
    Ok(file)
}

/// Sets an option's value, refusing a second one.
fn once<T>(slot: &mut Option<T>, value: T, name: &str) -> Result<(), String> {
    match slot.replace(value) {
        Some(_) => Err(format!("{name} given twice")),
        None => Ok(()),
    }
}

fn read_input(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}

/// Prints `value` as pretty JSON on stdout.
fn print_json<T: Serialize>(value: &T, what: &str) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(json) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not worth a panic; the exit code still tells.
            if writeln!(stdout, "{json}").is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&[format!("cannot write {what}: {e}")]),
    }
}

/// Refuses a backup: every problem, then their count.
fn refuse(file: &str, problems: impl IntoIterator<Item = String>) -> ExitCode {
    let mut lines: Vec<String> = problems.into_iter().collect();
    lines.push(format!("{file}: {} problem(s); nothing reported", lines.len()));
    fail(&lines)
}

/// Prints the lines on stderr and exits with 2.
fn fail(lines: &[String]) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    for line in lines {
        // Nothing sensible is left to do if stderr itself is gone.
        let _ = writeln!(stderr, "starbranch: {line}");
    }
    ExitCode::from(2)
}
