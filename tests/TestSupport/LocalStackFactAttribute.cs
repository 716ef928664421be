using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>A test of the LocalStack path itself: skipped, naming where it looked, when no Docker engine answers.</summary>
public sealed class LocalStackFactAttribute : FactAttribute
{
    public LocalStackFactAttribute()
    {
        if (DockerEngine.Current is { Answers: false } engine)
        {
            Skip = $"Starts LocalStack through Testcontainers, but {engine}.";
        }
    }
}
