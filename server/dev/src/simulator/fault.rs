//! Faults the export endpoint can be told to produce for its next N requests — the ways the real
//! download goes wrong (block page with status 200, truncated body, server errors, stalls) —
//! and the bookkeeping of how many remain.

use serde::{Deserialize, Serialize};

/// One way a download fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// 200 with the Incapsula HTML block page instead of the file.
    HtmlBlock,
    /// The full file's `Content-Length`, but the connection fails ~60% into the body.
    Truncated,
    /// A body cut ~60% in, mid-record and without a final newline, with a matching
    /// `Content-Length`: nothing at the HTTP level is wrong.
    TruncatedClean,
    /// The file with column 35 renamed ("Current Bid").
    WrongHeader,
    /// 500.
    ServerError,
    /// The normal answer, `delay_ms` late.
    Slow { delay_ms: u64 },
    /// The connection is closed without any answer.
    Reset,
}

/// The JSON body of `POST /__sim/fault`: `{"fault": "slow", "times": 2, "delay_ms": 500}`.
/// `times: 0` clears the fault.
#[derive(Debug, Clone, Deserialize)]
pub struct FaultRequest {
    pub fault: FaultName,
    pub times: usize,
    #[serde(default)]
    pub delay_ms: u64,
}

/// The fault names the control endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultName {
    HtmlBlock,
    Truncated,
    TruncatedClean,
    WrongHeader,
    ServerError,
    Slow,
    Reset,
}

impl FaultRequest {
    pub fn fault(&self) -> Fault {
        match self.fault {
            FaultName::HtmlBlock => Fault::HtmlBlock,
            FaultName::Truncated => Fault::Truncated,
            FaultName::TruncatedClean => Fault::TruncatedClean,
            FaultName::WrongHeader => Fault::WrongHeader,
            FaultName::ServerError => Fault::ServerError,
            FaultName::Slow => Fault::Slow {
                delay_ms: self.delay_ms,
            },
            FaultName::Reset => Fault::Reset,
        }
    }
}

/// The armed fault, if any, and how many more requests get it.
#[derive(Debug, Clone, Default)]
pub struct FaultSlot {
    armed: Option<(Fault, usize)>,
}

impl FaultSlot {
    pub fn set(&mut self, fault: Fault, times: usize) {
        self.armed = (times > 0).then_some((fault, times));
    }

    /// The fault for this request, counting it down; `None` once used up.
    pub fn take(&mut self) -> Option<Fault> {
        let (fault, left) = self.armed.as_mut()?;
        let fault = *fault;
        *left -= 1;
        if *left == 0 {
            self.armed = None;
        }
        Some(fault)
    }

    /// What is armed and how many requests remain.
    pub fn armed(&self) -> Option<(Fault, usize)> {
        self.armed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_lasts_exactly_n_requests() {
        let mut slot = FaultSlot::default();
        slot.set(Fault::ServerError, 2);
        assert_eq!(slot.take(), Some(Fault::ServerError));
        assert_eq!(slot.take(), Some(Fault::ServerError));
        assert_eq!(slot.take(), None);
        slot.set(Fault::HtmlBlock, 0);
        assert_eq!(slot.take(), None);
    }

    #[test]
    fn fault_requests_parse() {
        let r: FaultRequest =
            serde_json::from_str(r#"{"fault":"slow","times":1,"delay_ms":300}"#).expect("json");
        assert_eq!(r.fault(), Fault::Slow { delay_ms: 300 });
        let r: FaultRequest =
            serde_json::from_str(r#"{"fault":"truncated_clean","times":3}"#).expect("json");
        assert_eq!(r.fault(), Fault::TruncatedClean);
    }
}
