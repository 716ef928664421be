using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>A test that needs LocalCloud's fault injection: skipped when <c>AWS_ENDPOINT_URL</c> points elsewhere.</summary>
public sealed class FaultInjectionFactAttribute : FactAttribute
{
    public FaultInjectionFactAttribute()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")))
        {
            Skip = "Needs LocalCloud's fault injection; AWS_ENDPOINT_URL points at another endpoint.";
        }
    }
}
