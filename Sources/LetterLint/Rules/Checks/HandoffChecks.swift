/// `handoff.vague`: the letter offers help ("I'll help with the transition", "let me know
/// if you need anything") but commits to nothing concrete. The rule's `patterns` are the
/// vague offers; its `exceptions` are concrete commitments (documentation, a runbook,
/// access transfer, a named successor, knowledge transfer), and one of those anywhere in
/// the letter's body makes the handoff concrete, so the check stays quiet.
///
/// The suggestion names the handover items of the writer's industry (``LintOptions/industry``,
/// tech when unset), from the checklists in DOMAIN.md.
struct VagueHandoffCheck: CodeCheck {
    let name = "vague-handoff"
    let slots: Set<String> = ["checklist", "handover_plan"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let rules = context.rules(using: self)
        let parts: Set<Section> = [.body, .postscript]
        let concrete = context.matches(of: rules.flatMap(\.exceptions), in: parts)
        guard concrete.isEmpty else { return [] }
        let items = VagueHandoffCheck.items(for: context.options.industry ?? .tech)
        // The first vague offer only: its fix makes the handoff concrete, which settles the rest.
        guard let first = context.matches(of: rules.flatMap(\.patterns), in: parts).first else { return [] }
        return [CheckHit(range: first.range, values: ["checklist": items.checklist, "handover_plan": items.plan])]
    }

    /// What a handover covers in each industry: a short list for the message and a
    /// sentence's worth of commitments (after "I will") for the fix.
    static func items(for industry: Industry) -> (checklist: String, plan: String) {
        switch industry {
        case .tech:
            return ("model cards for the models you own, the CI/CD and deployment configuration, and the running A/B tests and experiment tracking",
                    "write model cards for the models I own, document the CI/CD and deployment configuration, and hand over the running A/B tests with links to their experiment tracking")
        case .finance:
            return ("the model risk documentation and validation reports, the data lineage and feature engineering logic, and the drift and bias monitoring dashboards",
                    "complete the model risk documentation and validation reports for my models, write up their data lineage and feature engineering logic, and walk my successor through the drift and bias monitoring dashboards")
        case .retail:
            return ("the forecasting inputs, seasonality adjustments and retraining cadence, the personalization logic and A/B results, and the ETL pipelines for customer and inventory data",
                    "document the forecasting inputs, seasonality adjustments and retraining cadence, write up the personalization logic and A/B results, and hand over the ETL pipelines for customer and inventory data")
        case .other:
            return ("which model versions are in production and what they were trained on, the experiment tracking, and the runbooks, scheduled jobs and access you hold",
                    "document which model versions are in production with their training data and commits, export the experiment tracking with notes on what worked, and transfer my access, scheduled jobs and runbooks")
        }
    }
}
