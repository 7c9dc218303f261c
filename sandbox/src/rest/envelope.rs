//! The success envelope and its `time` block.

use serde_json::{Map, Value, json};

use crate::clock;

/// What a method returns: its `result`, and for lists `total` and `next`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub result: Value,
    pub total: Option<u64>,
    pub next: Option<u64>,
}

impl Reply {
    pub fn new(result: Value) -> Reply {
        Reply {
            result,
            total: None,
            next: None,
        }
    }

    pub fn page(result: Value, total: Option<u64>, next: Option<u64>) -> Reply {
        Reply {
            result,
            total,
            next,
        }
    }
}

/// When a call started; turned into the `time` block when it ends.
#[derive(Debug, Clone, Copy)]
pub struct Timer {
    start: f64,
}

impl Timer {
    pub fn start() -> Timer {
        Timer {
            start: clock::unix_now(),
        }
    }

    /// `{start, finish, duration, processing, date_start, date_finish, operating_reset_at, operating}`
    pub fn block(&self) -> Value {
        let finish = clock::unix_now();
        let duration = (finish - self.start).max(0.0);
        json!({
            "start": self.start,
            "finish": finish,
            "duration": duration,
            "processing": duration,
            "date_start": clock::format_unix(self.start),
            "date_finish": clock::format_unix(finish),
            "operating_reset_at": self.start.floor() as i64 + 600,
            "operating": 0
        })
    }
}

/// `{"result": ..., "total": N?, "next": N?, "time": {...}}`
pub fn success(reply: Reply, timer: &Timer) -> Value {
    let mut body = Map::new();
    body.insert("result".into(), reply.result);
    if let Some(next) = reply.next {
        body.insert("next".into(), json!(next));
    }
    if let Some(total) = reply.total {
        body.insert("total".into(), json!(total));
    }
    body.insert("time".into(), timer.block());
    Value::Object(body)
}
