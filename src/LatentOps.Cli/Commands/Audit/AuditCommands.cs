using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Audit;

namespace LatentOps.Cli.Commands.Audit;

/// <summary><c>latentops audit list|verify</c>: the hash-chained record of every state change.</summary>
internal static class AuditCommands
{
    public static Command Create(CommandFactory factory)
    {
        var audit = new Command("audit", "The append-only, hash-chained audit log of every state change (who did what, when).");
        audit.Add(List(factory));
        audit.Add(Verify(factory));
        return audit;
    }

    private static Command List(CommandFactory factory)
    {
        var action = new Option<string?>("--action") { Description = "Only entries whose action starts with this (e.g. model. or model.promote).", HelpName = "PREFIX" };
        var subject = new Option<string?>("--subject") { Description = "Only entries about this subject (e.g. churn:3 or a run id).", HelpName = "SUBJECT" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries, newest first (1 to 100000).", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List audit entries, newest first.") { action, subject, limit };
        factory.SetAction(command, async context =>
        {
            var entries = await StoreAccess.Audit(context).ListAsync(new AuditQuery { ActionPrefix = context.Value(action), Subject = context.Value(subject), Limit = context.Value(limit) }, context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(new AuditListResult(entries), output =>
            {
                if (entries.Count == 0)
                {
                    output.WriteLine("The audit log has no matching entries.");
                    return;
                }

                foreach (var entry in entries)
                {
                    var details = string.Join(", ", entry.Details.Where(d => d.Value.Length > 0).Select(d => $"{d.Key}={(d.Value.Length > 60 ? d.Value[..57] + "..." : d.Value)}"));
                    output.WriteLine($"{entry.Sequence,6}  {entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {entry.Actor,-12} {entry.Action,-22} {entry.Subject}  {details}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CommandFactory factory)
    {
        var command = new Command("verify", "Recompute the hash chain; exits 1 and names each edited, removed or reordered entry if it is broken.");
        factory.SetAction(command, async context =>
        {
            var verification = await StoreAccess.Audit(context).VerifyAsync(context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(verification, output =>
            {
                output.WriteLine(verification.Intact
                    ? $"The audit chain is intact: {verification.Entries} entries, head {verification.HeadHash ?? "(empty)"}."
                    : $"The audit chain is BROKEN ({verification.Problems.Count} problem(s) in {verification.Entries} entries):");
                foreach (var problem in verification.Problems)
                {
                    output.WriteLine($"  entry {problem.Sequence}: {problem.Kind}: {problem.Detail}");
                }
            });
            if (verification.Intact)
            {
                return ExitCodes.Success;
            }

            context.Error.WriteLine($"error: the audit log at {context.Workspace.Database.Location} has been tampered with: {verification.Problems.Count} problem(s), first at entry {verification.Problems[0].Sequence} ({verification.Problems[0].Kind}).");
            return ExitCodes.UserError;
        });
        return command;
    }
}

/// <summary>The result of <c>audit list</c>.</summary>
internal sealed record AuditListResult(IReadOnlyList<AuditEntry> Entries);
