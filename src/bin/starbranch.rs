//! `starbranch` — the auditors' command-line tool. It recomputes the ratings of an exchange
//! document (docs/FORMAT.md) with exactly the rules the app uses (`starbranch::domain`).
//!
//! ```text
//! starbranch rate FILE --period P     P = YYYY-MM | YYYY-Qn | YYYY; FILE "-" reads stdin
//! ```
//!
//! Prints a JSON array, one object per branch, sorted by branch id. Exit codes: 0 success,
//! 2 invalid input, bad usage or unreadable file (messages on stderr, one per line).

use std::io::{Read, Write};
use std::process::ExitCode;

use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::rating::engine::rate;
use starbranch::domain::values::period::Period;

const USAGE: &str = "usage: starbranch rate FILE --period P
  FILE  an exchange document (format starbranch.exchange, version 1); - reads standard input
  P     YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY (a year)
Prints the ratings as a JSON array sorted by branch id; exit code 2 on invalid input.";

/// What the command line asked for.
struct Request {
    file: String,
    period: Period,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let request = match parse_args(&args) {
        Ok(request) => request,
        Err(message) => return fail(&[message, USAGE.to_string()]),
    };
    let text = match read_input(&request.file) {
        Ok(text) => text,
        Err(e) => return fail(&[format!("cannot read {}: {e}", request.file)]),
    };
    let document = match ExchangeDocument::parse(&text) {
        Ok(document) => document,
        Err(errors) => {
            let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            lines.push(format!("{}: {} problem(s); nothing rated", request.file, errors.len()));
            return fail(&lines);
        }
    };
    let rows = rate(&document, request.period);
    match serde_json::to_string_pretty(&rows) {
        Ok(json) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not worth a panic; the exit code still tells.
            if writeln!(stdout, "{json}").is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&[format!("cannot write the ratings: {e}")]),
    }
}

/// `rate FILE --period P`, the options in any order, `--period=P` also accepted.
fn parse_args(args: &[String]) -> Result<Request, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("rate") => {}
        Some(other) => return Err(format!("unknown command {other:?}")),
        None => return Err("missing command".to_string()),
    }
    let (mut file, mut period) = (None, None);
    while let Some(arg) = args.next() {
        let value = if arg == "--period" {
            Some(args.next().ok_or("--period needs a value")?.as_str())
        } else {
            arg.strip_prefix("--period=")
        };
        match value {
            Some(value) => {
                let parsed = value.parse::<Period>().map_err(|e| e.to_string())?;
                if period.replace(parsed).is_some() {
                    return Err("--period given twice".to_string());
                }
            }
            None if arg.starts_with("--") => return Err(format!("unknown option {arg:?}")),
            None if file.is_some() => return Err(format!("unexpected argument {arg:?}")),
            None => file = Some(arg.clone()),
        }
    }
    Ok(Request { file: file.ok_or("missing FILE")?, period: period.ok_or("missing --period")? })
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

/// Prints the lines on stderr and exits with 2.
fn fail(lines: &[String]) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    for line in lines {
        // Nothing sensible is left to do if stderr itself is gone.
        let _ = writeln!(stderr, "starbranch: {line}");
    }
    ExitCode::from(2)
}
