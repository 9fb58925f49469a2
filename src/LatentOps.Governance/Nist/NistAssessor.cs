using System.Globalization;
using LatentOps.Governance.Cards;
using LatentOps.Governance.Sections;
using LatentOps.Store.Audit;

namespace LatentOps.Governance.Nist;

/// <summary>Maps what a model card found to the NIST AI RMF items, each present or missing with the command that fills it.</summary>
internal static class NistAssessor
{
    public sealed record Inputs(
        ModelCardDetails Details,
        ModelCardLineage? Lineage,
        IReadOnlyList<CardDataset> TrainingData,
        ModelCardEvaluation? Evaluation,
        ModelCardMonitoring Monitoring,
        WrittenDocument Written,
        AuditVerification Audit,
        bool RegistrationAudited,
        int GateCount,
        string WorkspaceRoot);

    public static NistRmfMap Assess(Inputs x)
    {
        var name = x.Details.Name;
        var reference = $"{name}:{x.Details.Version.ToString(CultureInfo.InvariantCulture)}";
        var train = x.TrainingData.FirstOrDefault(d => d.Role == "train") ?? x.TrainingData.FirstOrDefault();
        var dataHint = train?.Reference ?? "DATASET";
        var file = Path.GetRelativePath(Directory.GetParent(x.WorkspaceRoot)?.FullName ?? x.WorkspaceRoot, x.Written.Path);
        var items = new List<NistItem>();

        // GOVERN
        items.Add(Item(NistFunction.Govern, "govern.inventory", "GOVERN 1.6", "The model is in the inventory (registry) with its package hash and its registration is in the audit log",
            x.RegistrationAudited,
            x.RegistrationAudited
                ? $"{reference} registered by {x.Details.CreatedBy} on {x.Details.CreatedAt:yyyy-MM-dd}, package sha256 {Short(x.Details.PackageHash)}, audit entry model.register present."
                : $"{reference} is registered, but no model.register audit entry names it.",
            "latentops audit list --action model.register (register versions with 'latentops models register' so the audit log records them)"));
        items.Add(Item(NistFunction.Govern, "govern.audit", "GOVERN 1.4", "The audit log's hash chain is intact",
            x.Audit.Intact,
            x.Audit.Intact
                ? $"{x.Audit.Entries:N0} entries verified; head hash {Short(x.Audit.HeadHash ?? string.Empty)} (record it elsewhere to detect removal of the newest entries)."
                : $"The chain is broken: {x.Audit.Problems.Count} problem(s), first at entry {x.Audit.Problems.FirstOrDefault()?.Sequence}.",
            "latentops audit verify (and investigate the entries it names)"));
        items.Add(Written(NistFunction.Govern, "govern.owners", "GOVERN 2.1", "Owners and accountability are written down", x.Written, ModelCardSections.Owners, file));
        items.Add(Item(NistFunction.Govern, "govern.gates", "GOVERN 1.3", "Promotion gates encode the risk tolerance (checked before an alias moves)",
            x.GateCount > 0,
            x.GateCount > 0 ? $"{x.GateCount} gate rule(s) in config.json." : "No promotion gates: any version can be promoted without checks.",
            "add registry.gates to .latentops/config.json (see docs/store.md), e.g. { \"metric\": \"rocAucScore\", \"min\": 0.7 }"));
        items.Add(Item(NistFunction.Govern, "govern.stage", "GOVERN 1.6", "The deployment stage is recorded (an alias such as champion)",
            x.Details.AllAliases.Count > 0,
            x.Details.AllAliases.Count > 0
                ? $"Aliases: {string.Join(", ", x.Details.AllAliases.Select(a => $"{a.Key} -> {a.Value}"))}."
                : "No alias points at any version of this model.",
            $"latentops models promote {name} {x.Details.Version} --alias champion"));
        items.Add(Written(NistFunction.Govern, "govern.impacts", "GOVERN 4.2", "Risks and impacts are documented (ethical considerations)", x.Written, ModelCardSections.EthicalConsiderations, file));

        // MAP
        items.Add(Written(NistFunction.Map, "map.intended-use", "MAP 1.1", "Intended use is written down", x.Written, ModelCardSections.IntendedUse, file));
        items.Add(Written(NistFunction.Map, "map.out-of-scope", "MAP 1.1", "Out-of-scope uses are written down", x.Written, ModelCardSections.OutOfScope, file));
        items.Add(Written(NistFunction.Map, "map.limitations", "MAP 2.2", "Known limitations are written down", x.Written, ModelCardSections.Limitations, file));
        var withProvenance = x.TrainingData.Where(d => d.Rows is not null && d.ContentHash is not null).ToList();
        items.Add(Item(NistFunction.Map, "map.provenance", "MAP 2.3", "Training data is a catalogued version with recorded provenance",
            withProvenance.Count > 0,
            withProvenance.Count > 0
                ? string.Join("; ", withProvenance.Select(d => $"{d.Role} {d.Reference}: {d.Provenance}")) + "."
                : x.TrainingData.Count > 0 ? "The run names datasets the catalog does not have." : "The training run records no dataset version.",
            "latentops data ingest FILE --name N, then latentops train N (the run records the dataset version and its hash)"));
        var checkedData = x.TrainingData.Where(d => d.Checks is not null).ToList();
        var errors = checkedData.Sum(d => d.Checks!.Errors);
        items.Add(Item(NistFunction.Map, "map.data-checks", "MAP 2.3", "Training data passes the data checks (no error findings)",
            checkedData.Count > 0 && errors == 0,
            checkedData.Count == 0
                ? "The training data was not checked (not in the catalog, or checks were skipped)."
                : string.Join("; ", checkedData.Select(d => $"{d.Reference}: {d.Checks!.Errors} errors, {d.Checks.Warnings} warnings")) + ".",
            $"latentops data check {dataHint} (fix the error findings, then retrain)"));
        var pii = checkedData.Sum(d => d.Checks!.PersonalData);
        items.Add(Item(NistFunction.Map, "map.personal-data", "MAP 4.1 / MEASURE 2.10", "Personal data in the training data was looked for and none was found",
            checkedData.Count > 0 && pii == 0,
            checkedData.Count == 0
                ? "The training data was not checked for personal data."
                : pii == 0 ? "No e-mail addresses, phone numbers, payment cards, IBANs or IP addresses found." : $"{pii} personal-data finding(s) in {string.Join(", ", checkedData.Where(d => d.Checks!.PersonalData > 0).Select(d => d.Reference))}.",
            $"latentops data check {dataHint} --redact (stores a masked version; retrain on it), or document why the data is needed under ethical considerations"));
        items.Add(Item(NistFunction.Map, "map.reproducible", "MAP 2.3", "The training run is reproducible (code commit and settings recorded)",
            x.Lineage is { SourceCommit: not null } && x.Lineage.Params.Count > 0,
            x.Lineage is null ? "No training run recorded."
                : $"run {Short(x.Lineage.RunId)}: {x.Lineage.Params.Count} parameters, commit {(x.Lineage.SourceCommit is null ? "not recorded" : Short(x.Lineage.SourceCommit))}.",
            "run 'latentops train' inside a git checkout so the commit is recorded"));

        // MEASURE
        var evaluation = x.Evaluation;
        var evaluate = $"latentops evaluate model {reference} --data {GovernanceText.TestDataHint(train?.Reference)}";
        var withIntervals = evaluation?.Metrics.Where(m => m.Lower is not null && m.Upper is not null).ToList() ?? [];
        items.Add(Item(NistFunction.Measure, "measure.intervals", "MEASURE 2.3", "Performance is measured on held-out data, with confidence intervals",
            withIntervals.Count > 0,
            evaluation is null ? "Not evaluated yet."
                : withIntervals.Count > 0 ? $"{string.Join(", ", withIntervals.Take(3).Select(m => $"{m.Name} {F(m.Value)} [{F(m.Lower!.Value)}, {F(m.Upper!.Value)}]"))} (run {Short(evaluation.RunId)})."
                : $"Evaluation run {Short(evaluation.RunId)} recorded metrics without intervals.",
            evaluate));
        items.Add(Item(NistFunction.Measure, "measure.slices", "MEASURE 2.11", "Performance is compared across slices (groups) of the data",
            evaluation?.Slices.Count > 0,
            evaluation?.Slices.Count > 0
                ? $"{evaluation.Slices.Count} slices over {string.Join(", ", evaluation.Slices.Select(s => s.Column).Distinct(StringComparer.Ordinal))}; {evaluation.Slices.Count(s => s.Flagged)} flagged as significantly worse."
                : "No slice results.",
            evaluate + " --slices COLUMN[,COLUMN...]"));
        items.Add(Item(NistFunction.Measure, "measure.fairness", "MEASURE 2.11", "Fairness gaps are measured for a protected attribute",
            evaluation?.Fairness is not null,
            evaluation?.Fairness is { } fair
                ? $"{fair.Column}: demographic parity difference {F(fair.DemographicParityDifference)}, equal opportunity difference {F(fair.EqualOpportunityDifference)}."
                : "No fairness measurement.",
            evaluate + " --protected COLUMN"));
        items.Add(Item(NistFunction.Measure, "measure.calibration", "MEASURE 2.5", "Calibration is measured (does confidence match accuracy?)",
            evaluation?.Calibration is not null,
            evaluation?.Calibration is { } cal ? $"expected calibration error {F(cal.ExpectedCalibrationError)}{(cal.CalibratedExpectedCalibrationError is { } after ? $", {F(after)} after temperature scaling" : string.Empty)}." : "No calibration measurement.",
            evaluate));
        items.Add(Item(NistFunction.Measure, "measure.robustness", "MEASURE 2.7", "Robustness to noisy or perturbed inputs is measured",
            evaluation?.Robustness is not null,
            evaluation?.Robustness is { } rob ? $"{rob.Metric} {F(rob.CleanValue)} clean; {(rob.Noise.Count > 0 ? $"{F(rob.Noise[^1].Value)} at noise {F(rob.Noise[^1].Level)}" : "no noise curve")}." : "No robustness measurement.",
            evaluate));
        items.Add(Item(NistFunction.Measure, "measure.drift", "MEASURE 2.4", "Input drift is measured against the training data",
            x.Monitoring.DriftShare is not null || x.Monitoring.EmbeddingDriftScore is not null,
            x.Monitoring.LatestRunId is null ? "No monitoring run for this version."
                : $"latest check {x.Monitoring.CheckedAt:yyyy-MM-dd HH:mm}: drifted feature share {(x.Monitoring.DriftShare is { } d ? F(d) : "not recorded")}.",
            $"latentops monitor drift --model {reference} --window 1d (after the server has answered requests; the training data is the reference)"));

        // MANAGE
        items.Add(Item(NistFunction.Manage, "manage.monitoring", "MANAGE 4.1", "Post-deployment monitoring runs",
            x.Monitoring.MonitoringRuns > 0 || x.Monitoring.Decisions.Count > 0,
            x.Monitoring.MonitoringRuns > 0 || x.Monitoring.Decisions.Count > 0
                ? $"{x.Monitoring.MonitoringRuns} monitoring run(s), {x.Monitoring.Decisions.Count} retraining decision(s) recorded."
                : "Nothing monitors this model.",
            $"latentops monitor run --policy FILE (a retraining policy naming {name})"));
        // Rollback pops the alias's history: possible when the move that put an alias on this version came from another version.
        var rollback = x.Details.Aliases
            .Select(alias => x.Monitoring.AliasMoves.FirstOrDefault(m => m.Alias == alias))
            .FirstOrDefault(m => m is { FromVersion: not null, Kind: not "rollback" } && m.ToVersion == x.Details.Version);
        items.Add(Item(NistFunction.Manage, "manage.rollback", "MANAGE 2.4", "A previous version can be put back (rollback)",
            rollback is not null,
            rollback is not null
                ? $"'latentops models rollback {name} --alias {rollback.Alias}' returns {rollback.Alias} to version {rollback.FromVersion}."
                : x.Details.Aliases.Count == 0 ? "No alias points at this version, so there is nothing to roll back." : "The alias on this version has no previous holder to return to.",
            $"promote through an alias (latentops models promote {name} VERSION --alias champion); once an alias moves from one version to another, rollback is one command"));
        items.Add(Item(NistFunction.Manage, "manage.retraining", "MANAGE 2.2", "Retraining decisions are recorded",
            x.Monitoring.Decisions.Count > 0,
            x.Monitoring.Decisions.Count > 0
                ? $"latest: {x.Monitoring.Decisions[0].Decision} on {x.Monitoring.Decisions[0].At:yyyy-MM-dd} ({x.Monitoring.Decisions[0].Reason})."
                : "No retraining decision recorded (audit action monitor.decision).",
            "latentops monitor run --policy FILE"));
        items.Add(Written(NistFunction.Manage, "manage.recommendations", "MANAGE 1.3", "Caveats and recommendations for users are written down", x.Written, ModelCardSections.CaveatsAndRecommendations, file));
        return new NistRmfMap(items);
    }

    private static NistItem Item(NistFunction function, string id, string subcategory, string title, bool present, string evidence, string fill) =>
        new(function, id, subcategory, title, present, evidence, present ? null : fill);

    private static NistItem Written(NistFunction function, string id, string subcategory, string title, WrittenDocument written, string key, string file)
    {
        var section = written.Get(key);
        var present = section?.IsWritten == true;
        var evidence = present ? $"Written in {file} ({Words(section!.Text)} words)." : $"Section '{section?.Title ?? key}' is empty in {file}.";
        return Item(function, id, subcategory, title, present, evidence, $"edit {file}: write section '{section?.Title ?? key}' between its latentops:begin/end markers");
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);
}
