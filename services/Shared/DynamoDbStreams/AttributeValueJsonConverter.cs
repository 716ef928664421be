using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Shared.DynamoDbStreams;

/// <summary>
/// DynamoDB's JSON for one attribute value (<c>{"S":"x"}</c>, <c>{"N":"1.5"}</c>, <c>{"M":{...}}</c>, ...)
/// as the SDK's <see cref="AttributeValue"/>, so stream images map with the same code as GetItem's.
/// </summary>
public sealed class AttributeValueJsonConverter : JsonConverter<AttributeValue>
{
    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FromJson(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.S is not null)
        {
            writer.WriteString("S", value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteString("N", value.N);
        }
        else if (value.BOOL is { } flag)
        {
            writer.WriteBoolean("BOOL", flag);
        }
        else if (value.M is not null)
        {
            writer.WritePropertyName("M");
            writer.WriteStartObject();
            foreach (var (name, inner) in value.M)
            {
                writer.WritePropertyName(name);
                Write(writer, inner, options);
            }

            writer.WriteEndObject();
        }
        else if (value.L is not null)
        {
            writer.WritePropertyName("L");
            writer.WriteStartArray();
            foreach (var inner in value.L)
            {
                Write(writer, inner, options);
            }

            writer.WriteEndArray();
        }
        else if (value.SS is not null)
        {
            WriteStrings(writer, "SS", value.SS);
        }
        else if (value.NS is not null)
        {
            WriteStrings(writer, "NS", value.NS);
        }
        else if (value.B is not null)
        {
            writer.WriteBase64String("B", value.B.ToArray());
        }
        else
        {
            writer.WriteBoolean("NULL", true);
        }

        writer.WriteEndObject();
    }

    private static AttributeValue FromJson(JsonElement json)
    {
        var property = json.EnumerateObject().FirstOrDefault();
        var value = property.Value;
        return property.Name switch
        {
            "S" => new AttributeValue { S = value.GetString() },
            "N" => new AttributeValue { N = value.GetString() },
            "BOOL" => new AttributeValue { BOOL = value.GetBoolean() },
            "NULL" => new AttributeValue { NULL = true },
            "M" => new AttributeValue { M = value.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)) },
            "L" => new AttributeValue { L = [.. value.EnumerateArray().Select(FromJson)] },
            "SS" => new AttributeValue { SS = [.. value.EnumerateArray().Select(e => e.GetString()!)] },
            "NS" => new AttributeValue { NS = [.. value.EnumerateArray().Select(e => e.GetString()!)] },
            "B" => new AttributeValue { B = new MemoryStream(value.GetBytesFromBase64()) },
            "BS" => new AttributeValue { BS = [.. value.EnumerateArray().Select(e => new MemoryStream(e.GetBytesFromBase64()))] },
            _ => throw new JsonException($"Not a DynamoDB attribute value: '{property.Name}'."),
        };
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, List<string> values)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
