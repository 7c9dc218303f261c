//! How a batch is cut into requests of at most 50 commands, and which references cross a cut.

use std::ops::Range;

use super::reference;
use super::{Batch, MAX_COMMANDS};
use crate::error::{Error, ErrorKind};

/// The requests a batch is sent as, in order, and which commands refer across requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Command index ranges, one per request.
    pub(crate) chunks: Vec<Range<usize>>,
    /// For each command (by index): the names it refers to that run in an earlier request.
    pub(crate) crossing: Vec<Vec<String>>,
}

impl Batch {
    /// Cuts the batch into requests and checks its references: each must name a command added
    /// before the one that uses it.
    pub(crate) fn plan(&self) -> Result<Plan, Error> {
        let index = |name: &str| self.commands.iter().position(|c| c.name == name);
        let chunk_of = |i: usize| i / MAX_COMMANDS;
        let mut crossing = Vec::with_capacity(self.commands.len());
        for (i, command) in self.commands.iter().enumerate() {
            let mut names = Vec::new();
            reference::names_in(&command.params, &mut names);
            let mut crosses = Vec::new();
            for name in names {
                match index(&name) {
                    Some(j) if j < i => {
                        if chunk_of(j) < chunk_of(i) && !crosses.contains(&name) {
                            crosses.push(name);
                        }
                    }
                    Some(_) => {
                        return Err(Error::new(
                            ErrorKind::Usage,
                            "batch",
                            format!(
                                "command {:?} refers to {name:?}, which runs after it",
                                command.name
                            ),
                        ));
                    }
                    None => {
                        return Err(Error::new(
                            ErrorKind::Usage,
                            "batch",
                            format!(
                                "command {:?} refers to {name:?}, which is not in the batch",
                                command.name
                            ),
                        ));
                    }
                }
            }
            crossing.push(crosses);
        }
        let chunks = (0..self.commands.len())
            .step_by(MAX_COMMANDS)
            .map(|start| start..(start + MAX_COMMANDS).min(self.commands.len()))
            .collect();
        Ok(Plan { chunks, crossing })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn batch_of(n: usize) -> Batch {
        let mut b = Batch::new();
        for i in 0..n {
            b.add::<Value>(&format!("c{i}"), "crm.deal.get", json!({"id": i}))
                .unwrap();
        }
        b
    }

    #[test]
    fn batch_over_50_commands_is_split_in_order() {
        let plan = batch_of(120).plan().unwrap();
        assert_eq!(plan.chunks, vec![0..50, 50..100, 100..120]);
        assert!(plan.crossing.iter().all(Vec::is_empty));
        assert_eq!(batch_of(50).plan().unwrap().chunks, vec![0..50]);
        assert!(batch_of(0).plan().unwrap().chunks.is_empty());
    }

    #[test]
    fn a_reference_across_a_cut_is_reported_and_within_a_chunk_is_not() {
        let mut b = batch_of(55);
        b.add::<Value>(
            "near",
            "crm.deal.productrows.get",
            json!({"id": "$result[c54][ID]"}),
        )
        .unwrap();
        b.add::<Value>(
            "far",
            "crm.deal.productrows.get",
            json!({"id": "$result[c3][ID]"}),
        )
        .unwrap();
        let plan = b.plan().unwrap();
        assert!(plan.crossing[55].is_empty());
        assert_eq!(plan.crossing[56], vec!["c3".to_owned()]);
    }

    #[test]
    fn references_to_unknown_or_later_commands_are_usage_errors() {
        let mut b = batch_of(2);
        b.add::<Value>("x", "crm.deal.get", json!({"id": "$result[nope][ID]"}))
            .unwrap();
        assert_eq!(b.plan().unwrap_err().kind, ErrorKind::Usage);
        let mut b = Batch::new();
        b.add::<Value>("a", "crm.deal.get", json!({"id": "$result[b][ID]"}))
            .unwrap();
        b.add::<Value>("b", "crm.deal.get", json!({"id": 1}))
            .unwrap();
        assert!(b.plan().unwrap_err().description.contains("runs after it"));
    }
}
