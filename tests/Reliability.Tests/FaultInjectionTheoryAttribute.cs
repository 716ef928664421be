using Xunit;

namespace Ecommerce.Reliability.Tests;

/// <summary>A theory that needs LocalCloud's fault injection: skipped when <c>AWS_ENDPOINT_URL</c> points elsewhere.</summary>
public sealed class FaultInjectionTheoryAttribute : TheoryAttribute
{
    public FaultInjectionTheoryAttribute()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")))
        {
            Skip = "Needs LocalCloud's fault injection; AWS_ENDPOINT_URL points at another endpoint.";
        }
    }
}
