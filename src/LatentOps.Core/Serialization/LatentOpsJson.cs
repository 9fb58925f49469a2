using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentOps.Core.Serialization;

/// <summary>
/// The one JSON shape LatentOps writes everywhere (CLI <c>--json</c>, manifests, REST): camelCase,
/// enums as strings, nulls omitted, non-finite numbers allowed as named literals.
/// </summary>
public static class LatentOpsJson
{
    /// <summary>Indented, for files and the CLI.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact, for the database and the wire.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Serialises with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises with <see cref="Options"/>; throws <see cref="JsonException"/> on bad input.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a JSON {typeof(T).Name}, got null.");

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
