using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Keys;
using LatentOps.Store.Stores;

namespace LatentOps.Cli.Commands.Keys;

/// <summary><c>latentops keys create|list|revoke</c>: API keys for the server, stored hashed.</summary>
internal static class KeysCommands
{
    public static Command Create(CommandFactory factory)
    {
        var keys = new Command("keys", "Manage API keys for 'latentops serve' (sent as 'Authorization: Bearer KEY'). Keys are stored hashed and shown once.");
        keys.Add(CreateKey(factory));
        keys.Add(List(factory));
        keys.Add(Revoke(factory));
        return keys;
    }

    private static Command CreateKey(CommandFactory factory)
    {
        var scope = new Option<string>("--scope")
        {
            Description = "What the key may do: read (view), predict (also embed/predict/similar/feedback), admin (also change state).",
            Required = true,
        };
        scope.AcceptOnlyFromAmong("read", "predict", "admin");
        var name = new Option<string?>("--name") { Description = "A label to recognise the key by, e.g. 'dashboard' or 'ci'." };
        var command = new Command("create", "Create an API key and print it once.") { scope, name };
        factory.SetAction(command, async context =>
        {
            var store = new ApiKeyStore(context.Workspace.Database);
            var created = await store.CreateAsync(ApiKeyStore.ParseScope(context.Value(scope)!), context.Value(name), StoreActor.Current(context.Environment.GetEnvironmentVariable), context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(new { created.Info.Id, Scope = created.Info.Scope.ToString().ToLowerInvariant(), created.Info.Name, created.Token }, output =>
            {
                output.WriteLine(created.Token);
                context.Note($"Created {created.Info.Scope.ToString().ToLowerInvariant()} key {created.Info.Id}. Store it now: it is not shown again.");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var command = new Command("list", "List API keys (ids, scopes, names, dates; never the secrets).");
        factory.SetAction(command, async context =>
        {
            var all = await new ApiKeyStore(context.Workspace.Database).ListAsync(context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(all, output =>
            {
                if (all.Count == 0)
                {
                    output.WriteLine("No keys. Create one with: latentops keys create --scope read|predict|admin");
                    return;
                }

                output.WriteLine($"{"ID",-14} {"SCOPE",-8} {"STATUS",-8} {"CREATED (UTC)",-17} NAME");
                foreach (var key in all)
                {
                    var status = key.IsActive ? "active" : "revoked";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id,-14} {key.Scope.ToString().ToLowerInvariant(),-8} {status,-8} {key.CreatedAt:yyyy-MM-dd HH:mm} {key.Name}"));
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CommandFactory factory)
    {
        var id = new Argument<string>("ID") { Description = "The key id shown by 'latentops keys list'." };
        var command = new Command("revoke", "Revoke a key; requests using it get 401 from then on.") { id };
        factory.SetAction(command, async context =>
        {
            var key = await new ApiKeyStore(context.Workspace.Database).RevokeAsync(context.Value(id)!, StoreActor.Current(context.Environment.GetEnvironmentVariable), context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(key, output => output.WriteLine($"Revoked key {key.Id}."));
            return ExitCodes.Success;
        });
        return command;
    }
}
