using Ecommerce.TestSupport;
using Xunit;

namespace Ecommerce.Reliability.Tests;

/// <summary>A theory that needs LocalCloud's fault injection: skipped on LocalStack or another endpoint.</summary>
public sealed class FaultInjectionTheoryAttribute : TheoryAttribute
{
    public FaultInjectionTheoryAttribute() => Skip = AwsBackend.Current.FaultInjectionSkipReason;
}
