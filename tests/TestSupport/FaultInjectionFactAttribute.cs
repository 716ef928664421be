using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>A test that needs LocalCloud's admin API (faults, reset, its issuer): skipped on LocalStack or another endpoint.</summary>
public sealed class FaultInjectionFactAttribute : FactAttribute
{
    public FaultInjectionFactAttribute() => Skip = AwsBackend.Current.FaultInjectionSkipReason;
}
