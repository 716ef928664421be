using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Contracts;

/// <summary>
/// A request member the contract no longer takes: reading it keeps only that the body carried it (even as
/// null), never its value, so nothing can log or echo what a client sent there.
/// </summary>
[JsonConverter(typeof(RefusedFieldConverter))]
public sealed class RefusedField
{
    public static RefusedField Present { get; } = new();

    private RefusedField()
    {
    }
}

/// <summary>Skips a refused member's value unread.</summary>
public sealed class RefusedFieldConverter : JsonConverter<RefusedField>
{
    public override bool HandleNull => true;

    public override RefusedField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return RefusedField.Present;
    }

    public override void Write(Utf8JsonWriter writer, RefusedField value, JsonSerializerOptions options) => writer.WriteNullValue();
}

/// <summary>A member that must be absent from the request: present, it is a 400 naming it, for the reason given.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RefusedAttribute(string reason) : ValidationAttribute(reason)
{
    public override bool IsValid(object? value) => value is null;
}
