using Ecommerce.LocalCloud.Auth;

namespace Ecommerce.LocalCloud;

/// <summary>How LocalCloud listens and what it pretends to be.</summary>
public sealed class LocalCloudOptions
{
    public const string Section = "LocalCloud";

    /// <summary>The edge port; 0 takes any free port (tests).</summary>
    public int Port { get; set; } = 4566;

    /// <summary>The address to listen on: both loopbacks by default (a container needs 0.0.0.0).</summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>Where DynamoDB calls are forwarded (DynamoDB Local), or null to answer them with an error.</summary>
    public string? DynamoDbUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>The account in every ARN and queue URL; LocalStack uses the same.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>The least level written to the console; tests raise it to keep their output quiet.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>The Cognito-shaped sign-in: user pool id, app clients, allowed redirect URIs.</summary>
    public AuthOptions Auth { get; set; } = new();
}
