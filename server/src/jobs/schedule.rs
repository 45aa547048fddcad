//! Job schedules: six-field cron expressions with seconds (`sec min hour dom month dow`, UTC), as
//! tokio-cron-scheduler takes them, or `off`; and the *slot* a firing stands for.
//!
//! Why slots: two replicas fire the same occurrence a few hundred milliseconds apart (the
//! scheduler polls every 500 ms), so they must name it identically to compete for it. The slot
//! is the latest occurrence at or before the firing time — the occurrence that fired.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SubsecRound, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds};

/// A parsed cron expression (UTC).
#[derive(Clone)]
pub struct Schedule {
    text: String,
    /// Boxed: a parsed pattern is ~330 bytes, and configs carry several schedules.
    cron: std::sync::Arc<Cron>,
}

impl fmt::Debug for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Schedule({:?})", self.text)
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "invalid schedule {text:?}: {reason} (six fields with seconds, e.g. \"0 */15 * * * *\", or \"off\")"
)]
pub struct ScheduleError {
    text: String,
    reason: String,
}

impl Schedule {
    /// Parses `text` exactly as tokio-cron-scheduler will (seconds required, day-of-month and
    /// day-of-week both honoured), so a schedule that passes here is accepted there.
    pub fn parse(text: &str) -> Result<Schedule, ScheduleError> {
        let text = text.trim();
        let cron = CronParser::builder()
            .seconds(Seconds::Required)
            .dom_and_dow(true)
            .build()
            .parse(text)
            .map_err(|e| ScheduleError {
                text: text.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Schedule {
            text: text.to_owned(),
            cron: std::sync::Arc::new(cron),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The occurrence a firing at `now` stands for: the latest one at or before `now`.
    pub fn slot_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        // Occurrences are whole seconds; croner would match 10:15:00.100 itself otherwise.
        let now = now.trunc_subsecs(0);
        self.cron.find_previous_occurrence(&now, true).ok()
    }

    /// Occurrences strictly between `after` and `before`, at most `cap` of them (the oldest).
    pub fn between(
        &self,
        after: DateTime<Utc>,
        before: DateTime<Utc>,
        cap: usize,
    ) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let mut t = after;
        while out.len() < cap {
            match self.next_after(t) {
                Some(n) if n < before => {
                    out.push(n);
                    t = n;
                }
                _ => break,
            }
        }
        out
    }

    /// The first occurrence after `now`.
    pub fn next_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.cron
            .find_next_occurrence(&now.trunc_subsecs(0), false)
            .ok()
    }
}

/// A schedule setting from the environment: a cron expression, or disabled.
#[derive(Debug, Clone)]
pub enum ScheduleSetting {
    Off,
    Cron(Schedule),
}

impl ScheduleSetting {
    pub fn schedule(&self) -> Option<&Schedule> {
        match self {
            ScheduleSetting::Off => None,
            ScheduleSetting::Cron(s) => Some(s),
        }
    }
}

impl FromStr for ScheduleSetting {
    type Err = ScheduleError;

    /// `off`, `disabled`, `none` or empty disable the job.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() || ["off", "disabled", "none"].contains(&t.to_ascii_lowercase().as_str()) {
            return Ok(ScheduleSetting::Off);
        }
        Schedule::parse(t).map(ScheduleSetting::Cron)
    }
}

impl fmt::Display for ScheduleSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleSetting::Off => f.write_str("off"),
            ScheduleSetting::Cron(s) => fmt::Display::fmt(s, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32, ms: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, s)
            .single()
            .expect("valid")
            + chrono::TimeDelta::milliseconds(i64::from(ms))
    }

    #[test]
    fn slot_is_the_occurrence_that_fired() {
        let s = Schedule::parse("0 */15 * * * *").expect("valid");
        // Replicas firing 0.1 s and 0.9 s after 10:15 agree on 10:15.
        assert_eq!(s.slot_at(at(10, 15, 0, 100)), Some(at(10, 15, 0, 0)));
        assert_eq!(s.slot_at(at(10, 15, 0, 900)), Some(at(10, 15, 0, 0)));
        assert_eq!(s.slot_at(at(10, 15, 0, 0)), Some(at(10, 15, 0, 0)));
        assert_eq!(s.slot_at(at(10, 29, 59, 999)), Some(at(10, 15, 0, 0)));
        assert_eq!(s.next_after(at(10, 15, 0, 0)), Some(at(10, 30, 0, 0)));
        let every2 = Schedule::parse("*/2 * * * * *").expect("valid");
        assert_eq!(every2.slot_at(at(10, 0, 3, 400)), Some(at(10, 0, 2, 0)));
        assert_eq!(
            every2.between(at(10, 0, 2, 0), at(10, 0, 8, 0), 10),
            [at(10, 0, 4, 0), at(10, 0, 6, 0)]
        );
        assert!(
            every2
                .between(at(10, 0, 2, 0), at(10, 0, 4, 0), 10)
                .is_empty()
        );
        assert_eq!(every2.between(at(10, 0, 0, 0), at(11, 0, 0, 0), 3).len(), 3);
    }

    #[test]
    fn settings_parse_off_and_reject_garbage() {
        assert!(matches!(
            "off".parse::<ScheduleSetting>(),
            Ok(ScheduleSetting::Off)
        ));
        assert!(matches!(
            " ".parse::<ScheduleSetting>(),
            Ok(ScheduleSetting::Off)
        ));
        assert!(matches!(
            "0 30 3 * * *".parse::<ScheduleSetting>(),
            Ok(ScheduleSetting::Cron(_))
        ));
        // Five fields (no seconds) is the classic crontab mistake: refused, not misread.
        let err = "*/15 * * * *"
            .parse::<ScheduleSetting>()
            .expect_err("five fields");
        assert!(err.to_string().contains("six fields"), "{err}");
        assert!("every day".parse::<ScheduleSetting>().is_err());
    }
}
