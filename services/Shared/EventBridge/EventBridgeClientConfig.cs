using Ecommerce.Shared.Aws.JsonProtocol;

namespace Ecommerce.Shared.EventBridge;

/// <summary>AWSSDK.Core settings for EventBridge: AWS JSON 1.1, signed for <c>events</c>.</summary>
public sealed class EventBridgeClientConfig() : AwsJsonClientConfig(EventBridge)
{
    private static readonly AwsJsonService EventBridge = new(
        ServiceId: "EventBridge", SigningName: "events", EndpointPrefix: "events", TargetPrefix: "AWSEvents",
        ContentType: "application/x-amz-json-1.1", Version: "2015-10-07");
}
