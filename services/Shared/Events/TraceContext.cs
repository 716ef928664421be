using System.Diagnostics;
using System.Globalization;

namespace Ecommerce.Shared.Events;

/// <summary>
/// One trace from a published event to its consumer, the way AWS carries it: PutEvents' <c>TraceHeader</c>
/// in X-Ray format (<c>Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled=1</c>), which EventBridge hands to
/// an SQS target as the <c>AWSTraceHeader</c> system attribute. The W3C trace id is the X-Ray root's 32
/// hex digits, so both name the same trace.
/// </summary>
public static class TraceContext
{
    /// <summary>The source of the spans the services make themselves (publish, consume, store).</summary>
    public static readonly ActivitySource Source = new("Ecommerce");

    /// <summary>The X-Ray header of <paramref name="activity"/>, or null when there is no trace to carry.</summary>
    public static string? ToTraceHeader(Activity? activity)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return null;
        }

        var traceId = activity.TraceId.ToHexString();
        var sampled = activity.Recorded ? 1 : 0;
        return string.Create(CultureInfo.InvariantCulture, $"Root=1-{traceId[..8]}-{traceId[8..]};Parent={activity.SpanId.ToHexString()};Sampled={sampled}");
    }

    /// <summary>The parent a consumer's span takes from an X-Ray header; none (default) when there is no header or it is malformed.</summary>
    public static ActivityContext ParentFrom(string? traceHeader)
    {
        if (string.IsNullOrEmpty(traceHeader))
        {
            return default;
        }

        string? root = null, parentId = null;
        var sampled = false;
        foreach (var part in traceHeader.Split(';', StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? (part[..i], part[(i + 1)..]) : (part, "");
            switch (key)
            {
                case "Root":
                    root = value;
                    break;
                case "Parent":
                    parentId = value;
                    break;
                case "Sampled":
                    sampled = value == "1";
                    break;
            }
        }

        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-' || parentId is not { Length: 16 }
            || !IsHex(root[2..10] + root[11..]) || !IsHex(parentId))
        {
            return default;
        }

        return new ActivityContext(
            ActivityTraceId.CreateFromString(root[2..10] + root[11..]),
            ActivitySpanId.CreateFromString(parentId),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None,
            isRemote: true);
    }

    /// <summary>What ActivityTraceId and ActivitySpanId accept: lowercase hex, not all zeros.</summary>
    private static bool IsHex(string text) => text.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c)) && text.Any(c => c != '0');
}
